package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.DecisionService;
import dev.grat.decide.bandit.DecisionSettings;
import dev.grat.decide.bandit.FeatureVector;
import dev.grat.decide.bandit.Feedback;
import dev.grat.decide.bandit.InMemoryDecisionLog;
import dev.grat.decide.bandit.InMemoryDecisionStateStore;
import dev.grat.decide.bandit.Policies;
import dev.grat.decide.bandit.Policy;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.PolicyInput;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.decide.bandit.VisitorSignals;
import dev.grat.experiment.Holdout;
import dev.grat.profile.ProfileView;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A plain timing of decisions and updates (not a JMH benchmark: it warms up, then times every call with
 * {@link System#nanoTime()} and reports percentiles). Policy-level timings use dense vectors, every one of the
 * {@code features} entries non-zero; the service-level timing goes through validation, feature building,
 * hashing, the policy and the in-memory log with named features.
 */
public final class LatencyMeasurement {

    private static final int LEARNED = 2000;

    private LatencyMeasurement() {
    }

    public static LatencyReport run(int candidates, int features, int iterations) {
        List<LatencyReport.Timing> timings = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        PolicyInput input = denseInput(candidates, features, random);
        for (PolicyConfig config : List.of(PolicyConfig.linUcb(), PolicyConfig.thompson(), PolicyConfig.thompson().withDraws(16),
                PolicyConfig.epsilonGreedy())) {
            Policy policy = Policies.create(config.withDimension(features));
            for (int i = 0; i < LEARNED; i++) {
                policy.learn(Feedback.of(input.features().get(random.nextInt(candidates)), random.nextDouble() < 0.05 ? 1 : 0, 0.5));
            }
            timings.add(time(config.describe() + " decide", iterations, () -> policy.decide(input, random)));
            timings.add(time(config.describe() + " update", iterations, () -> policy.learn(
                    Feedback.of(input.features().get(random.nextInt(candidates)), random.nextDouble() < 0.05 ? 1 : 0, 0.5))));
        }
        timings.add(serviceTiming(candidates, iterations));
        return new LatencyReport(candidates, features, iterations, System.getProperty("java.vm.name") + " "
                + Runtime.version(), Runtime.getRuntime().availableProcessors(), timings);
    }

    private static LatencyReport.Timing serviceTiming(int candidates, int iterations) {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        ProfileView profile = new ProfileView(Set.of("v"), null, List.of(), Map.of("Shoes", 3.0, "Bags", 1.0, "Coats", 0.5),
                Map.of("Acme", 2.0), Map.of(), Map.of(), 3, new BigDecimal("180"), 60, 40, now.minusSeconds(86_400 * 40),
                now.minusSeconds(3600), List.of());
        DecisionService service = new DecisionService(DecisionSettings.defaults().withHoldout(new Holdout("h", 0)),
                new InMemoryDecisionLog(), new InMemoryDecisionStateStore(), (visitor, at) -> new VisitorSignals.Visit(true, profile),
                Clock.fixed(now, ZoneOffset.UTC), new SplittableRandom(2));
        service.configure("offer", PolicyConfig.linUcb());
        String[] categories = {"Shoes", "Bags", "Coats", "Dresses", "Shirts"};
        List<Candidate> offers = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            offers.add(new Candidate("offer-" + i, Map.of("category=" + categories[i % 5], 1.0, "type=t" + (i % 4), 1.0,
                    "discount", (i % 4) / 10.0, "price.band=b" + (i % 3), 1.0, "brand=Acme" + (i % 7), 1.0)));
        }
        DecisionRequest request = new DecisionRequest("visitor-1", "offer", List.copyOf(offers), RequestContext.of("web", "mobile"), null);
        return time("DecisionService.decide (LinUCB, 128 hashed features, consented profile)", iterations, () -> service.decide(request));
    }

    /** Times each call after a warm-up of as many calls (at least 100, at most 3000) so the JIT has compiled the path. */
    private static LatencyReport.Timing time(String operation, int iterations, Runnable measured) {
        int warmup = Math.clamp(iterations, 100, 3000);
        for (int i = 0; i < warmup; i++) {
            measured.run();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            measured.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        return new LatencyReport.Timing(operation, mean, nanos[iterations / 2] / 1000.0,
                nanos[(int) Math.min(iterations - 1, Math.ceil(iterations * 0.99) - 1)] / 1000.0, nanos[iterations - 1] / 1000.0);
    }

    private static PolicyInput denseInput(int candidates, int features, SplittableRandom random) {
        List<String> ids = new ArrayList<>();
        List<FeatureVector> vectors = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            ids.add("a" + i);
            double[] x = new double[features];
            for (int j = 0; j < features; j++) {
                x[j] = random.nextDouble(-1, 1) / Math.sqrt(features);
            }
            vectors.add(FeatureVector.dense(x));
        }
        return new PolicyInput(ids, vectors, -1);
    }
}
