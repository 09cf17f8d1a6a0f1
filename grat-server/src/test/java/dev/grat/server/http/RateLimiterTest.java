package dev.grat.server.http;

import dev.grat.server.config.Rate;
import dev.grat.server.config.RateLimits;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private static final Authorizer.Caller ANONYMOUS = Authorizer.Caller.none("no key");

    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void aSourcePastItsBurst_isRefusedNamingTheLimit_untilTokensFlowBack() {
        RateLimiter limiter = limiter(RateLimits.defaults().withPerSource(new Rate(2, 3)));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(ANONYMOUS, "203.0.113.7")).isEmpty();
        }
        Optional<RateLimiter.Refusal> refused = limiter.admit(ANONYMOUS, "203.0.113.7");
        assertThat(refused).hasValueSatisfying(refusal -> {
            assertThat(refusal.limit()).isEqualTo(RateLimiter.Limit.PER_SOURCE);
            assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        });
        assertThat(limiter.admit(ANONYMOUS, "203.0.113.8")).as("another source").isEmpty();

        advance(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(limiter.admit(ANONYMOUS, "203.0.113.7")).isEmpty();
        assertThat(limiter.admit(ANONYMOUS, "203.0.113.7")).isPresent();
    }

    @Test
    void retryAfter_isTheWholeSecondsUntilTheNextToken() {
        RateLimiter limiter = limiter(RateLimits.defaults().withPerSource(new Rate(0.1, 1)));

        limiter.admit(ANONYMOUS, "a");

        assertThat(limiter.admit(ANONYMOUS, "a")).hasValueSatisfying(r -> assertThat(r.retryAfterSeconds()).isEqualTo(10));
    }

    @Test
    void theSecretKey_skipsThePerSourceLimit_butHasItsOwn() {
        RateLimiter limiter = limiter(RateLimits.defaults().withPerSource(new Rate(1, 1)).withSecretKey(new Rate(1, 5)));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.admit(Authorizer.Caller.SECRET_KEY, "a")).isEmpty();
        }
        assertThat(limiter.admit(Authorizer.Caller.SECRET_KEY, "a"))
                .hasValueSatisfying(r -> assertThat(r.limit()).isEqualTo(RateLimiter.Limit.SECRET_KEY));
        assertThat(limiter.admit(ANONYMOUS, "a")).as("the source's own bucket is untouched").isEmpty();
    }

    @Test
    void thePublishableKey_isOneBucketForAllSources() {
        RateLimiter limiter = limiter(RateLimits.defaults().withPublishableKey(new Rate(1, 2)));

        assertThat(limiter.admit(Authorizer.Caller.PUBLISHABLE_KEY, "a")).isEmpty();
        assertThat(limiter.admit(Authorizer.Caller.PUBLISHABLE_KEY, "b")).isEmpty();
        assertThat(limiter.admit(Authorizer.Caller.PUBLISHABLE_KEY, "c"))
                .hasValueSatisfying(r -> assertThat(r.limit()).isEqualTo(RateLimiter.Limit.PUBLISHABLE_KEY));
    }

    @Test
    void thePerSourceTable_staysWithinItsBound_forgettingTheLeastRecentlySeen() {
        RateLimiter limiter = limiter(RateLimits.defaults().withPerSource(new Rate(1, 1)).withMaxTrackedSources(100));

        limiter.admit(ANONYMOUS, "first");
        for (int i = 0; i < 10_000; i++) {
            limiter.admit(ANONYMOUS, "source-" + i);
        }

        assertThat(limiter.trackedSources()).isEqualTo(100);
        assertThat(limiter.admit(ANONYMOUS, "first")).as("forgotten, so a fresh bucket").isEmpty();
        assertThat(limiter.admit(ANONYMOUS, "source-9999")).as("still tracked, still empty").isPresent();
    }

    @Test
    void limitsThatAreOff_neverRefuse() {
        RateLimiter limiter = limiter(RateLimits.off());

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.admit(i % 2 == 0 ? ANONYMOUS : Authorizer.Caller.PUBLISHABLE_KEY, "a")).isEmpty();
        }
        assertThat(limiter.trackedSources()).isZero();
    }

    private RateLimiter limiter(RateLimits limits) {
        return new RateLimiter(limits, nanos::get);
    }

    private void advance(long by) {
        nanos.addAndGet(by);
    }
}
