package hifi.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one Spark context of the tests: local mode, two cores, each task tried up to twice ({@code local[2,2]}), no web
 * UI. Started once per test JVM (a context takes seconds) and shared with every {@link SparkCluster} the tests and the
 * command lines they run open.
 */
final class LocalSpark {
    static final String MASTER = "local[2,2]";
    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(new SparkConf().setMaster(MASTER).setAppName("hifi-tests")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1"));
            SparkCluster.share(context);
        }
        return context;
    }
}
