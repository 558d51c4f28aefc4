package hifi.glue.cli;

import hifi.glue.Fixtures;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command that fails on bad input (model, config, data, flags) fails before it creates or touches its output: no
 * folder afterwards, or an existing one left byte for byte as it was.
 */
class EarlyFailureTest {
    private static final String DATA = Fixtures.glueData().toString();

    private static void assertFailsLeavingNothing(Path out, int code, String fragment, String... args) {
        AppRun r = AppRun.of(args);
        assertEquals(code, r.code(), r.toString());
        assertTrue(r.err().contains(fragment), "names the cause (" + fragment + "): " + r);
        assertTrue(Files.notExists(out), out + " must not exist after: " + r);
    }

    @Test
    void trainWithAMissingModelDirectoryCreatesNoRunFolder(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        assertFailsLeavingNothing(out, 1, "nowhere", "train", "--model", tmp.resolve("nowhere").toString(), "--task", "rte",
                "--data", DATA, "--out", out.toString());
    }

    @Test
    void trainWithABadConfigCreatesNoRunFolder(@TempDir Path tmp) throws IOException {
        Path model = TinyModel.write(tmp.resolve("model"));
        Path config = model.resolve("config.json");
        String text = Files.readString(config);
        assertTrue(text.contains("\"num_attention_heads\": 4"), text);
        Files.writeString(config, text.replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 3"));   // 16 % 3 != 0
        Path out = tmp.resolve("run");
        assertFailsLeavingNothing(out, 1, "config.json", "train", "--model", model.toString(), "--task", "rte", "--data", DATA,
                "--out", out.toString());
    }

    @Test
    void trainWithAMalformedDataRowCreatesNoRunFolder(@TempDir Path tmp) throws IOException {
        Path model = TinyModel.write(tmp.resolve("model"));
        Path data = tmp.resolve("glue_data");
        copy(Fixtures.glueData().resolve("RTE"), data.resolve("RTE"));
        Path train = data.resolve("RTE/train.tsv");
        Files.writeString(train, Files.readString(train) + "9\tonly two columns\n");
        Path out = tmp.resolve("run");
        assertFailsLeavingNothing(out, 1, train.toString(), "train", "--model", model.toString(), "--task", "rte",
                "--data", data.toString(), "--out", out.toString());
    }

    @Test
    void trainWithBadFlagsLeavesAnExistingFolderAsItWas(@TempDir Path tmp) throws IOException {
        Path model = TinyModel.write(tmp.resolve("model"));
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        AppRun r = AppRun.of("train", "--model", model.toString(), "--task", "rte", "--data", DATA, "--out", out.toString(),
                "--epochs", "0");
        assertEquals(2, r.code(), r.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("notes.txt")), files.toList());
        }
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        AppRun tooLong = AppRun.of("train", "--model", model.toString(), "--task", "rte", "--data", DATA, "--out",
                tmp.resolve("run2").toString(), "--max-length", "1000");
        assertEquals(1, tooLong.code(), tooLong.toString());
        assertTrue(Files.notExists(tmp.resolve("run2")), tooLong.toString());
    }

    @Test
    void otherCommandsLeaveNothingOnEarlyFailures(@TempDir Path tmp) throws IOException {
        Path base = TinyModel.write(tmp.resolve("base"));
        Path out = tmp.resolve("out");
        assertFailsLeavingNothing(out, 1, "nope", "select", "--model", tmp.resolve("nope").toString(), "--task", "rte",
                "--data", DATA, "--out", out.toString());
        assertFailsLeavingNothing(out, 1, "no task head", "predict", "--model", base.toString(), "--task", "rte", "--data", DATA,
                "--out", out.toString());
        assertFailsLeavingNothing(out, 1, "no task head", "eval", "--model", base.toString(), "--task", "rte", "--data", DATA,
                "--out", out.resolve("metrics.json").toString());
        assertFailsLeavingNothing(out, 1, "nothing.onnx", "convert", "--from", tmp.resolve("nothing.onnx").toString(),
                "--out", out.toString());
        assertFailsLeavingNothing(out, 1, "adapter", "merge", "--model", base.toString(), "--adapter",
                tmp.resolve("no-adapter").toString(), "--out", out.toString());
        assertFailsLeavingNothing(out, 1, "nope.json", "sweep", "--config", tmp.resolve("nope.json").toString(), "--out", out.toString());
        assertFailsLeavingNothing(out, 2, "needs --data", "data", "--task", "rte");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
