package dev.grat.bench.spark.worker;

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains Apache Spark MLlib's implicit ALS on request, in local mode, for the side-by-side benchmark. Runs in a
 * child JVM on Java 17 that the driver starts and talks to over standard input and output, one tab-separated
 * line per message: it answers {@code ready SPARK_VERSION JAVA_VERSION MASTER BLAS LAPACK} once (the BLAS and
 * LAPACK implementations Spark's linear algebra uses: native through JNI when the system has a BLAS, else Java), then
 * {@code fitted WALL_SECONDS CPU_SECONDS USERS ITEMS} or {@code error MESSAGE} to each {@link FitRequest}, and
 * stops on {@code quit}. Spark's own output goes to standard error.
 * <p>
 * Run by the driver as {@code java <Spark's --add-opens> -cp ... dev.grat.bench.spark.worker.SparkAlsWorker local[2]}.
 */
public final class SparkAlsWorker {

    private static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("rating", DataTypes.FloatType, false);

    private final SparkSession spark;
    private final Map<Path, Loaded> loaded = new HashMap<>();

    private SparkAlsWorker(SparkSession spark) {
        this.spark = spark;
    }

    public static void main(String[] args) throws IOException {
        PrintStream replies = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Anything else that prints (Spark, Hadoop, Netty) must not mix with the replies.
        System.setOut(System.err);
        String master = args.length > 0 ? args[0] : "local[2]";
        SparkSession spark = SparkSession.builder()
                .appName("grat-bench-spark")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.log.level", "WARN")
                .getOrCreate();
        try {
            SparkAlsWorker worker = new SparkAlsWorker(spark);
            replies.println(String.join("\t", "ready", spark.version(), System.getProperty("java.version"), master,
                    dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName(),
                    dev.ludovic.netlib.lapack.LAPACK.getInstance().getClass().getSimpleName()));
            worker.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), replies);
        } finally {
            spark.stop();
        }
    }

    private void serve(BufferedReader requests, PrintStream replies) throws IOException {
        String line;
        while ((line = requests.readLine()) != null && !line.equals("quit")) {
            try {
                replies.println(fit(FitRequest.parse(line)));
            } catch (RuntimeException | IOException e) {
                e.printStackTrace();
                replies.println("error\t" + String.valueOf(e).replace('\t', ' ').replace('\n', ' '));
            }
        }
    }

    private String fit(FitRequest request) throws IOException {
        Loaded data = load(request.train());
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setRank(request.rank())
                .setMaxIter(request.iterations())
                .setRegParam(request.regParam())
                .setAlpha(request.alpha())
                .setSeed(request.seed())
                .setUserCol("user")
                .setItemCol("item")
                .setRatingCol("rating");
        if (request.blocks() > 0) {
            als.setNumBlocks(request.blocks());
        }
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        // fit() returns once both factor RDDs are computed and materialised (ALS.train counts them).
        ALSModel model = als.fit(data.frame());
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        if (request.out().isPresent()) {
            TopLists.write(request.out().get(), data.data(),
                    factors(model.userFactors(), data.data().userCount()),
                    factors(model.itemFactors(), data.data().itemCount()), request.k());
        }
        return String.format(Locale.ROOT, "fitted\t%.6f\t%.6f\t%d\t%d", wall, cpu, data.data().userCount(),
                data.data().itemCount());
    }

    private Loaded load(Path train) throws IOException {
        Loaded cached = loaded.get(train);
        if (cached == null) {
            TrainingData data = TrainingData.read(train);
            List<Row> rows = new ArrayList<>(data.pairs().size());
            for (int[] pair : data.pairs()) {
                rows.add(RowFactory.create(pair[0], pair[1], 1f));
            }
            Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA).cache();
            frame.count();
            cached = new Loaded(data, frame);
            loaded.put(train, cached);
        }
        return cached;
    }

    /** Collects a factor DataFrame ({@code id}, {@code features}) into an array indexed by dense id. */
    private static float[][] factors(Dataset<Row> frame, int size) {
        float[][] out = new float[size][];
        for (Row row : frame.collectAsList()) {
            List<Float> features = row.getList(1);
            float[] vector = new float[features.size()];
            for (int f = 0; f < vector.length; f++) {
                vector[f] = features.get(f);
            }
            out[row.getInt(0)] = vector;
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Loaded(TrainingData data, Dataset<Row> frame) {
    }
}
