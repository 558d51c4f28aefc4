package hifi.glue.cli;

import hifi.glue.cluster.Cluster;
import hifi.glue.cluster.Clusters;
import picocli.CommandLine.Option;

/**
 * {@code --master} ({@code @Mixin} of {@code sweep}, {@code train} and {@code predict}): hand the command's heavy part
 * to an Apache Spark cluster. Without it everything runs in this process.
 */
final class ClusterOptions {
    @Option(names = "--master", paramLabel = "URL", order = 95,
            description = "run on Apache Spark: local[N], spark://host:port, yarn, … (needs the Spark build: bin/hifi uses "
                    + "spark/target/hifi-spark.jar for it)")
    String master;

    /** Whether {@code --master} was given. */
    boolean distributed() {
        return master != null;
    }

    /** The cluster {@code --master} names, its executors computing on {@code run}'s backend kind. */
    Cluster connect(Invocation run) {
        return Clusters.connect(master, run.backend().name(), run.err());
    }

    /** A usage error when {@code --partitions} was given without {@code --master}. */
    void checkPartitions(Integer partitions) {
        if (partitions == null) return;
        if (master == null) throw new UsageException("--partitions needs --master (in one process, train with --micro-batches P)");
        if (partitions < 1) throw new UsageException("--partitions must be ≥ 1, got " + partitions);
    }
}
