package hifi.glue.cli;

import hifi.engine.io.Json;
import hifi.engine.io.SafetensorsFile;
import hifi.glue.Fixtures;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --method lora} through the command line: the run writes a peft-format adapter that {@code eval},
 * {@code predict} and {@code merge} take, {@code --resume} continues a LoRA run to the same adapter, and bad
 * {@code --lora-*} values are usage errors naming the flag.
 */
class LoraCommandsTest {
    @TempDir
    static Path tmp;
    static Path model, run;
    static final String DATA = Fixtures.glueData().toString();

    static AppRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--task", "rte", "--data", DATA,
                "--out", out.toString(), "--method", "lora", "--lora-r", "4", "--lora-alpha", "8", "--lora-targets",
                "query,value,output.dense", "--epochs", "2", "--batch-size", "2", "--max-length", "48", "--lr", "1e-3",
                "--checkpoint-every", "3"));
        args.addAll(List.of(more));
        return AppRun.of(args.toArray(String[]::new));
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        model = TinyModel.write(tmp.resolve("tiny"));
        run = tmp.resolve("run");
        AppRun r = train(run);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("trainable params: "), r.out());
    }

    @Test
    void writesAPeftAdapterThatEvalPredictAndMergeTake() throws IOException {
        Path adapter = run.resolve("adapter");
        Map<String, Object> config = Json.parseObject(Files.readString(adapter.resolve("adapter_config.json"), StandardCharsets.UTF_8));
        assertEquals("LORA", config.get("peft_type"));
        assertEquals(4L, config.get("r"));
        assertEquals(8L, config.get("lora_alpha"));
        assertEquals(List.of("query", "value", "output.dense"), config.get("target_modules"));
        try (SafetensorsFile f = SafetensorsFile.openVerified(adapter.resolve("adapter_model.safetensors"))) {
            assertTrue(f.names().stream().allMatch(n -> n.startsWith("base_model.model.")), f.names().toString());
            assertTrue(f.contains("base_model.model.bert.encoder.layer.0.attention.output.dense.lora_B.weight"), "output.dense takes the attention output too");
            assertTrue(f.contains("base_model.model.classifier.weight") && f.contains("base_model.model.bert.pooler.dense.weight"));
        }
        AppRun eval = AppRun.of("eval", "--model", model.toString(), "--adapter", adapter.toString(), "--task", "rte", "--data", DATA, "--max-length", "48");
        assertEquals(0, eval.code(), eval.toString());
        AppRun predict = AppRun.of("predict", "--model", model.toString(), "--adapter", adapter.toString(), "--task", "rte", "--data", DATA,
                "--out", tmp.resolve("predictions").toString());
        assertEquals(0, predict.code(), predict.toString());
        Path merged = tmp.resolve("merged");
        AppRun merge = AppRun.of("merge", "--model", model.toString(), "--adapter", adapter.toString(), "--out", merged.toString());
        assertEquals(0, merge.code(), merge.toString());
        AppRun evalMerged = AppRun.of("eval", "--model", merged.toString(), "--task", "rte", "--data", DATA);
        assertEquals(0, evalMerged.code(), evalMerged.toString());
        assertEquals(scoreLine(eval.out()), scoreLine(evalMerged.out()), "the merged model scores as base + adapter, at the run's length by default");
    }

    private static String scoreLine(String out) {
        return out.lines().filter(l -> l.contains("accuracy")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void aResumedLoraRunEndsWithTheSameAdapter() throws IOException {
        Path copy = tmp.resolve("resumed");
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.toList()) Files.copy(p, copy.resolve(run.relativize(p).toString()));
        }
        Files.delete(copy.resolve("result.json"));
        try (Stream<Path> adapter = Files.list(copy.resolve("adapter"))) {
            for (Path p : adapter.toList()) Files.delete(p);
        }
        Files.delete(copy.resolve("adapter"));
        AppRun r = train(copy, "--resume");
        assertEquals(0, r.code(), r.toString());
        try (SafetensorsFile a = SafetensorsFile.open(run.resolve("adapter/adapter_model.safetensors"));
             SafetensorsFile b = SafetensorsFile.open(copy.resolve("adapter/adapter_model.safetensors"))) {
            assertEquals(a.names(), b.names());
            for (String n : a.names()) assertArrayEquals(a.readFloats(n), b.readFloats(n), n);
        }
    }

    @Test
    void badLoraSettingsAreUsageErrors() {
        for (String[] bad : new String[][] {{"--lora-targets", "query,dense"}, {"--lora-dropout", "1"}, {"--lora-r", "0"}, {"--lora-alpha", "0"}}) {
            AppRun r = train(tmp.resolve("bad"), bad);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r);
            assertTrue(r.err().contains(bad[0]), r.err());
        }
        assertTrue(!Files.exists(tmp.resolve("bad")), "nothing written");
    }
}
