package hifi.spark;

import hifi.glue.cli.Main;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point for {@code spark-submit --class hifi.spark.SparkSubmit hifi-spark.jar <command> [flags]}: the
 * command line of {@code bin/hifi}, with {@code --master} taken from spark-submit's own {@code --master} (the
 * {@code spark.master} property it sets) unless the arguments give one.
 */
public final class SparkSubmit {
    private SparkSubmit() {
    }

    public static void main(String[] args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        String master = System.getProperty("spark.master");
        boolean distributable = all.contains("sweep") || all.contains("train") || all.contains("predict");
        if (distributable && !all.contains("--master") && master != null) all.addAll(List.of("--master", master));
        System.exit(Main.run(all, System.out, System.err));
    }
}
