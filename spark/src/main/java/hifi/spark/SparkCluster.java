package hifi.spark;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.tokenizer.Encoding;
import hifi.glue.cluster.Cluster;
import hifi.glue.model.Predictions;
import hifi.glue.model.Predictor;
import hifi.glue.run.RunOutcome;
import hifi.glue.run.SweepConfig;
import hifi.glue.train.MicroBatchPlacement;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Cluster} on Apache Spark: a Spark context on {@code master}, stopped at {@link #close}, or the context
 * an embedding program (a test) {@link #share shared}, which is left running.
 */
public final class SparkCluster implements Cluster {
    private static final Pattern LOCAL_WITH_RETRIES = Pattern.compile("local\\[(?:\\d+|\\*),\\s*(\\d+)]");

    private final JavaSparkContext sc;
    private final boolean owned;
    private final String backendName;
    private final PrintStream log;
    private SweepTasks sweepTasks = SweepTasks.FINE_TUNING;
    private static volatile JavaSparkContext shared;

    /** Makes every cluster opened from now on use {@code context} (null: each opens its own again). */
    public static void share(JavaSparkContext context) {
        shared = context;
    }

    /**
     * Connects to {@code master} ({@code null}: the master the Spark configuration names, as spark-submit sets it);
     * the executors compute on the CPU backend {@code backendName}; progress lines go to {@code log}.
     */
    public SparkCluster(String master, String backendName, PrintStream log) {
        Backends.byName(backendName, 1);
        this.backendName = backendName;
        this.log = log;
        JavaSparkContext running = shared;
        owned = running == null;
        if (running != null) {
            sc = running;
        } else {
            SparkConf conf = new SparkConf().setAppName("hifi");
            if (master != null) conf.setMaster(master);
            sc = new JavaSparkContext(conf);
        }
    }

    /** Runs sweep tasks with {@code tasks} instead of fine-tuning (tests: runs that fail on purpose). */
    public SparkCluster withSweepTasks(SweepTasks tasks) {
        sweepTasks = tasks;
        return this;
    }

    @Override
    public RunOutcome sweep(SweepConfig config, Path sweepDir, PrintStream log) throws IOException {
        return SparkSweep.run(sc, backendName, maxFailures(), sweepTasks, config, sweepDir, log);
    }

    @Override
    public MicroBatchPlacement training() {
        return model -> new SparkMicroBatches(sc, model, backendName, log);
    }

    @Override
    public Predictions predict(BertForSequenceClassification model, Predictor predictor, List<Encoding> encodings, int partitions) {
        return SparkPrediction.predict(sc, backendName, model, predictor, encodings, partitions);
    }

    @Override
    public int defaultParallelism() {
        return sc.defaultParallelism();
    }

    /**
     * How many times Spark runs a task before it gives up: {@code F} of a {@code local[N,F]} master, 1 for other local
     * masters (Spark does not retry there), else {@code spark.task.maxFailures} (default 4).
     */
    int maxFailures() {
        String master = sc.master();
        Matcher m = LOCAL_WITH_RETRIES.matcher(master);
        if (m.matches()) return Integer.parseInt(m.group(1));
        if (master.startsWith("local")) return 1;
        return sc.getConf().getInt("spark.task.maxFailures", 4);
    }

    @Override
    public void close() {
        if (owned) sc.stop();
    }
}
