package hifi.spark;

import hifi.engine.io.Json;
import hifi.glue.cli.AppRun;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-parallel training on Spark ({@code train --master … --partitions P}) against the in-process run with
 * {@code --micro-batches P}, and batch prediction on Spark against in-process {@code predict}.
 */
class SparkTrainingTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void start() throws IOException {
        LocalSpark.context();
        model = TinyModel.write(tmp.resolve("model"));
    }

    static AppRun train(Path out, String... extra) {
        return trainWith("hifi", out, extra);
    }

    static AppRun trainWith(String method, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--task", "sentiment", "--method", method,
                "--epochs", "1", "--train-subset", "48", "--max-length", "24", "--batch-size", "12", "--samples", "16",
                "--lr", "1e-3", "--out", out.toString()));
        args.addAll(List.of(extra));
        return AppRun.of(args.toArray(String[]::new));
    }

    @Test
    void partitionsOnSparkTrainTheSameAdapterAsMicroBatchesInProcess() throws IOException {
        Path local = tmp.resolve("micro"), spark = tmp.resolve("spark"), whole = tmp.resolve("whole");
        AppRun a = train(local, "--micro-batches", "3");
        assertEquals(0, a.code(), a.toString());
        AppRun b = train(spark, "--master", LocalSpark.MASTER, "--partitions", "3");
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.err().contains("spark training: 4 steps"), b.toString());
        assertArrayEquals(Files.readAllBytes(local.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(spark.resolve("adapter/adapter_model.safetensors")), "adapter bytes");
        assertEquals(scores(local), scores(spark));
        assertEquals(3L, ((Map<?, ?>) Json.parseObject(Files.readString(spark.resolve("run.json"))).get("params")).get("micro_batches"));

        AppRun c = train(whole);
        assertEquals(0, c.code(), c.toString());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(whole.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(local.resolve("adapter/adapter_model.safetensors"))), "micro-batches have their own dropout masks");
    }

    @Test
    void loraOnSparkTrainsTheSameAdapterAsMicroBatchesInProcess() throws IOException {
        Path local = tmp.resolve("lora-micro"), spark = tmp.resolve("lora-spark");
        AppRun a = trainWith("lora", local, "--micro-batches", "2", "--lora-r", "2", "--lora-targets", "query,value,output.dense");
        assertEquals(0, a.code(), a.toString());
        AppRun b = trainWith("lora", spark, "--master", LocalSpark.MASTER, "--partitions", "2", "--lora-r", "2",
                "--lora-targets", "query,value,output.dense");
        assertEquals(0, b.code(), b.toString());
        assertArrayEquals(Files.readAllBytes(local.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(spark.resolve("adapter/adapter_model.safetensors")), "LoRA adapter bytes");
        assertEquals(scores(local), scores(spark));
    }

    @Test
    void predictionOnSparkWritesTheInProcessFileRowForRow() throws IOException {
        Path data = sst2(tmp.resolve("glue_data"));
        Path run = tmp.resolve("sst2");
        AppRun t = AppRun.of("train", "--model", model.toString(), "--task", "sst2", "--data", data.toString(), "--method", "bitfit",
                "--epochs", "1", "--max-length", "24", "--batch-size", "8", "--lr", "1e-2", "--out", run.toString());
        assertEquals(0, t.code(), t.toString());
        List<String> common = List.of("predict", "--model", model.toString(), "--adapter", run.resolve("adapter").toString(),
                "--task", "sst2", "--data", data.toString(), "--batch-size", "3");
        AppRun here = AppRun.of(with(common, "--out", tmp.resolve("pred-local").toString()));
        assertEquals(0, here.code(), here.toString());
        AppRun there = AppRun.of(with(common, "--out", tmp.resolve("pred-spark").toString(), "--master", LocalSpark.MASTER, "--partitions", "3"));
        assertEquals(0, there.code(), there.toString());
        List<String> expected = Files.readAllLines(tmp.resolve("pred-local/SST-2.tsv"));
        assertEquals(42, expected.size());
        assertEquals(expected, Files.readAllLines(tmp.resolve("pred-spark/SST-2.tsv")));
    }

    static Object scores(Path run) throws IOException {
        Map<String, Object> r = Json.parseObject(Files.readString(run.resolve("result.json")));
        return List.of(r.get("score"), r.get("metrics"));
    }

    static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** An SST-2 folder of made-up sentences of 1 to 14 words: 24 to train on, 8 dev, 41 test (many batches). */
    static Path sst2(Path root) throws IOException {
        String[] words = {"a", "good", "bad", "film", "plot", "is", "not", "very", "dull", "fun", "and", "the", "acting", "great"};
        java.util.Random random = new java.util.Random(5);
        Files.createDirectories(root.resolve("SST-2"));
        for (String split : List.of("train", "dev", "test")) {
            int rows = switch (split) { case "train" -> 24; case "dev" -> 8; default -> 41; };
            StringBuilder tsv = new StringBuilder(split.equals("test") ? "index\tsentence\n" : "sentence\tlabel\n");
            for (int i = 0; i < rows; i++) {
                StringBuilder sentence = new StringBuilder();
                for (int w = 1 + random.nextInt(14); w > 0; w--) sentence.append(words[random.nextInt(words.length)]).append(' ');
                tsv.append(split.equals("test") ? i + "\t" + sentence.toString().strip() : sentence + "\t" + random.nextInt(2)).append('\n');
            }
            Files.writeString(root.resolve("SST-2/" + split + ".tsv"), tsv);
        }
        return root;
    }
}
