package hifi.glue.cluster;

import java.io.PrintStream;
import java.util.ServiceLoader;

/** Finds the {@link ClusterProvider} on the class path. */
public final class Clusters {
    /** What the error says when no provider is there. */
    public static final String MISSING = "--master needs the Spark build, which this hifi.jar is not: build it with"
            + " `mvn -q package -DskipTests` (it makes spark/target/hifi-spark.jar and spark/target/spark-lib/) and run"
            + " bin/hifi, which uses it for --master, or submit spark/target/hifi-spark.jar with spark-submit";

    private Clusters() {
    }

    /** Connects to {@code master}; an {@link IllegalStateException} saying what to build when no provider is present. */
    public static Cluster connect(String master, String backendName, PrintStream log) {
        for (ClusterProvider p : ServiceLoader.load(ClusterProvider.class)) return p.connect(master, backendName, log);
        throw new IllegalStateException(MISSING);
    }
}
