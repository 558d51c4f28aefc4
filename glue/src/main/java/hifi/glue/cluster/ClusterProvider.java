package hifi.glue.cluster;

import java.io.PrintStream;

/**
 * A kind of {@link Cluster}, found through {@link java.util.ServiceLoader}: the Spark module registers one. The plain
 * {@code hifi.jar} carries none, so {@code --master} there fails with a line saying what to build.
 */
public interface ClusterProvider {
    /**
     * Connects to {@code master} ({@code local[N]}, {@code spark://host:port}, …; as the cluster manager spells it);
     * the executors compute on the CPU backend {@code backendName} ({@code simd-256}, {@code reference}, …) with as
     * many threads as each task has cores; the cluster's progress lines go to {@code log}.
     */
    Cluster connect(String master, String backendName, PrintStream log);
}
