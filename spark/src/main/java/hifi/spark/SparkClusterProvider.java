package hifi.spark;

import hifi.glue.cluster.Cluster;
import hifi.glue.cluster.ClusterProvider;

import java.io.PrintStream;

/** Registers {@link SparkCluster} with the command line ({@code META-INF/services}). */
public final class SparkClusterProvider implements ClusterProvider {
    @Override
    public Cluster connect(String master, String backendName, PrintStream log) {
        return new SparkCluster(master, backendName, log);
    }
}
