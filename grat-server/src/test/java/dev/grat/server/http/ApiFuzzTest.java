package dev.grat.server.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole request path: the fuzzer steers the generators of
 * {@link ApiInputs} (structure-aware) or writes raw bodies, and {@link ApiExpectations} says what must hold: no 5xx,
 * no unexpected exception, no hang, a 400 naming the field. In the normal build ({@code mvn test} without
 * {@code -Dtest}) it fuzzes for a few seconds in a JVM of its own (the {@code fuzz} profile of this module's pom); a
 * longer run: {@code mvn -pl grat-server test -Pfuzz -Dtest=ApiFuzzTest -Dfuzz.tests=ApiFuzzTest
 * -Dfuzz.duration=10m} (docs/API.md, Security).
 * Inputs that failed are kept in {@code src/test/resources/dev/grat/server/http/ApiFuzzTestInputs/} and replayed
 * by every later run.
 */
class ApiFuzzTest {

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

    /**
     * One target for every kind of request, because Jazzer fuzzes one test per JVM: the first choice picks the kind,
     * so coverage feedback is shared and the fuzzer spends its time where new branches are.
     */
    @FuzzTest
    void anyRequest(FuzzedDataProvider data) {
        FuzzSource source = FuzzSource.of(data);
        ApiInputs inputs = new ApiInputs(source);
        ApiInputs.Call call = switch (source.below(9)) {
            case 0 -> inputs.events();
            case 1 -> inputs.consent();
            case 2 -> inputs.browserConsent();
            case 3 -> inputs.decision();
            case 4 -> inputs.slotPolicy();
            case 5 -> inputs.reward();
            case 6 -> inputs.query();
            case 7 -> new ApiInputs.Call("PUT", "/v1/consent/v-raw", InProcessApi.secretJson(),
                    data.consumeRemainingAsBytes());
            default -> new ApiInputs.Call("POST", "/v1/events", InProcessApi.secretJson(), data.consumeRemainingAsBytes());
        };
        ApiExpectations.sendAndCheck(api, call);
    }

}
