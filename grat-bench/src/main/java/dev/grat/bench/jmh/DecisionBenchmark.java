package dev.grat.bench.jmh;

import dev.grat.Grat;
import dev.grat.bench.BenchEngine;
import dev.grat.bench.DecisionCandidates;
import dev.grat.bench.Workload;
import dev.grat.decide.bandit.ActionDistribution;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.FeatureVector;
import dev.grat.decide.bandit.Feedback;
import dev.grat.decide.bandit.Policies;
import dev.grat.decide.bandit.Policy;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.PolicyInput;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.event.Event;
import dev.grat.event.TrackContext;
import dev.grat.store.sqlite.SqliteOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Decision latency in-process, in sampled time (JMH prints p50, p90, p99, p99.9): LinUCB and linear Thompson
 * sampling deciding among {@code candidates} candidates of {@code features} features through the policy alone
 * (dense vectors, every entry non-zero: the worst case; a model that has learned 2000 observations), a policy
 * update alone (learning one settled decision), and a whole {@link Grat#decide} on an engine over the embedded
 * store holding the history of {@code visitors} visitors, with the builder's default in-memory decision log and
 * a slot configured with LinUCB by {@link Grat#configureSlot}: validation, the visitor's consent and profile,
 * feature hashing into 128 dimensions, the policy and the log.
 *
 * <p>Run: {@code ./grat bench jmh DecisionBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s}
 * (the case is the default: 50 candidates of 100 features; smaller shop: {@code -p visitors=5000}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {

    private static final int LEARNED = 2000;

    /** The two linear policies, trained, and one decision's encoded candidates. */
    @State(Scope.Benchmark)
    public static class TrainedPolicies {

        @Param("50")
        public int candidates;

        @Param("100")
        public int features;

        Policy linUcb;
        Policy thompson;
        PolicyInput input;

        @Setup(Level.Trial)
        public void train() {
            SplittableRandom random = new SplittableRandom(1);
            List<String> ids = new ArrayList<>();
            List<FeatureVector> vectors = new ArrayList<>();
            for (int i = 0; i < candidates; i++) {
                ids.add("offer-" + i);
                double[] x = new double[features];
                for (int j = 0; j < features; j++) {
                    double magnitude = random.nextDouble(0.01, 1) / Math.sqrt(features);
                    x[j] = random.nextBoolean() ? magnitude : -magnitude;
                }
                vectors.add(FeatureVector.dense(x));
            }
            input = new PolicyInput(ids, vectors, -1);
            linUcb = trained(PolicyConfig.linUcb().withDimension(features), random);
            thompson = trained(PolicyConfig.thompson().withDimension(features), random);
        }

        private Policy trained(PolicyConfig config, SplittableRandom random) {
            Policy policy = Policies.create(config);
            for (int i = 0; i < LEARNED; i++) {
                policy.learn(feedback(random));
            }
            return policy;
        }

        /** A settled decision: one of the candidates shown, clicked 5% of the time. */
        Feedback feedback(SplittableRandom random) {
            return Feedback.of(input.features().get(random.nextInt(input.size())),
                    random.nextDouble() < 0.05 ? 1 : 0, 1.0 / input.size());
        }
    }

    /** An engine with a loaded history and a LinUCB slot, and the offers every request sends. */
    @State(Scope.Benchmark)
    public static class EngineWithSlot {

        static final String SLOT = "bench-offers";

        @Param("50")
        public int candidates;

        @Param("100")
        public int features;

        @Param("2000")
        public int items;

        @Param("20000")
        public int visitors;

        BenchEngine engine;
        Grat grat;
        List<Candidate> offers;
        String[] visitorIds;

        @Setup(Level.Trial)
        public void load() {
            Workload workload = new Workload(items, visitors, 1);
            // Decisions do not wait for the store here (the decision log is in memory); NORMAL only makes the
            // set-up faster.
            engine = BenchEngine.open(workload, SqliteOptions.Synchronous.NORMAL, 4,
                    new PrintStream(OutputStream.nullOutputStream()));
            grat = engine.grat();
            for (List<Event> batch : workload.batches(1000, Instant.now())) {
                grat.track(batch, TrackContext.none());
            }
            grat.configureSlot(SLOT, PolicyConfig.linUcb());
            offers = DecisionCandidates.generate(workload.catalog(), candidates, features, 1).candidates();
            visitorIds = IntStream.range(0, visitors).mapToObj(Workload::visitorId).toArray(String[]::new);
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.close();
        }
    }

    /** Each benchmark thread draws its own exploration, feedback and visitors. */
    @State(Scope.Thread)
    public static class Draw {
        final SplittableRandom random = new SplittableRandom(42);
    }

    @Benchmark
    public ActionDistribution linUcbDecide(TrainedPolicies policies, Draw draw) {
        return policies.linUcb.decide(policies.input, draw.random);
    }

    @Benchmark
    public ActionDistribution thompsonDecide(TrainedPolicies policies, Draw draw) {
        return policies.thompson.decide(policies.input, draw.random);
    }

    /** LinUCB learning one settled decision (a Sherman–Morrison update of the inverse). */
    @Benchmark
    public void linUcbUpdate(TrainedPolicies policies, Draw draw) {
        policies.linUcb.learn(policies.feedback(draw.random));
    }

    /** Thompson sampling learning one settled decision (the inverse and its Cholesky factor). */
    @Benchmark
    public void thompsonUpdate(TrainedPolicies policies, Draw draw) {
        policies.thompson.learn(policies.feedback(draw.random));
    }

    /** A whole decision of the engine for a random visitor of the workload (70% consenting, 5% holdout). */
    @Benchmark
    public DecisionAnswer engineDecide(EngineWithSlot engine, Draw draw) {
        String visitor = engine.visitorIds[draw.random.nextInt(engine.visitorIds.length)];
        return engine.grat.decide(new DecisionRequest(visitor, EngineWithSlot.SLOT, engine.offers,
                RequestContext.of("web", draw.random.nextBoolean() ? "mobile" : "desktop"), null));
    }
}
