package dev.grat.server.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests over the whole request path, in the normal build: a few hundred generated requests per kind, from
 * a fixed seed (so a failure repeats; the seed is in the test name), each checked by {@link ApiExpectations}. The
 * coverage-guided fuzz tests ({@code ApiFuzzTest}) drive the same generators for longer.
 */
class ApiPropertyTest {

    private static final long SEED = 0x6A7A;
    private static final int TRIES = 300;

    @TempDir
    static Path dataDir;

    private static InProcessApi api;

    @BeforeAll
    static void start() {
        api = new InProcessApi(dataDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void eventBatches_neverFailTheServer() {
        check(ApiInputs::events, 1);
    }

    @Test
    void consentAnswersAndTcStrings_neverFailTheServer() {
        check(ApiInputs::consent, 2);
    }

    @Test
    void browserConsent_neverFailsTheServer() {
        check(ApiInputs::browserConsent, 3);
    }

    @Test
    void decisionRequests_neverFailTheServer() {
        check(ApiInputs::decision, 4);
    }

    @Test
    void slotPoliciesAndRewards_neverFailTheServer() {
        check(ApiInputs::slotPolicy, 5);
        check(ApiInputs::reward, 6);
    }

    @Test
    void queryParameters_neverFailTheServer() {
        check(ApiInputs::query, 7);
    }

    /** Found by ApiFuzzTest: leading zero bytes make Jackson read UTF-32, and then it meets no character. */
    @Test
    void bodiesInAnotherEncoding_are400() {
        byte[] body = {0, 0, 0, (byte) 0xfb, 0, 0x7c};
        for (String target : List.of("/v1/consent/v-raw", "/v1/events", "/v1/items")) {
            String method = target.equals("/v1/events") ? "POST" : "PUT";
            InProcessApi.Answer answer = api.send(method, target, InProcessApi.secretJson(), body);

            assertThat(answer.status()).as(target + ": " + answer.text()).isEqualTo(400);
            assertThat(answer.json().get("error").textValue()).as(target).contains("not valid JSON");
        }
    }

    private static void check(Function<ApiInputs, ApiInputs.Call> generator, long stream) {
        ApiInputs inputs = new ApiInputs(FuzzSource.of(new Random(SEED * 31 + stream)));
        for (int i = 0; i < TRIES; i++) {
            ApiExpectations.sendAndCheck(api, generator.apply(inputs));
        }
    }
}
