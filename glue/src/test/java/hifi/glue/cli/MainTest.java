package hifi.glue.cli;

import hifi.glue.Fixtures;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dispatch, help and the exit codes of bad command lines, missing files and wrong models. */
class MainTest {
    static final List<String> COMMANDS = List.of("convert", "select", "stability", "train", "eval", "predict", "merge", "demo", "bench", "report",
            "sweep", "data", "compare-methods", "completion");

    @Test
    void everyCommandIsRegisteredAndHasHelp() {
        assertEquals(COMMANDS, List.copyOf(Commands.commandLine(Commands.all()).getSubcommands().keySet()));
        for (String c : COMMANDS) {
            AppRun r = AppRun.of(c, "--help");
            assertEquals(0, r.code(), c + ": " + r);
            assertTrue(r.out().toLowerCase().contains("usage"), c + ": " + r);
            assertTrue(r.out().contains("--"), c + " lists its flags: " + r);
        }
    }

    @Test
    void topLevelHelpListsCommandsAndGlobalOptions() {
        AppRun r = AppRun.of("--help");
        assertEquals(0, r.code());
        for (String c : COMMANDS) assertTrue(r.out().contains("  " + c + " "), c + " in " + r.out());
        assertTrue(r.out().contains("--threads N") && r.out().contains("--backend simd|reference"), r.out());
        assertEquals(2, AppRun.of().code(), "no command is a usage error");
    }

    @Test
    void badCommandLinesExitWithUsageCode() {
        Path data = Fixtures.glueData();
        String[][] bad = {
                {"no-such-command"},
                {"--threads", "0", "data", "--task", "rte", "--data", data.toString()},
                {"--threads", "many", "data", "--task", "rte"},
                {"--backend", "gpu", "data", "--task", "rte"},
                {"data", "--task", "rtee", "--data", data.toString()},
                {"data", "--task", "rte"},
                {"eval", "--task", "rte", "--data", data.toString()},
                {"train", "--model", "m", "--task", "rte", "--data", data.toString(), "--out", "o", "--lr", "abc"},
                {"train", "--model", "m", "--task", "rte", "--data", data.toString(), "--out", "o", "--method", "prefix-tuning"},
                {"train", "--model", "m", "--task", "rte", "--data", data.toString(), "--out", "o", "--epochs", "0"},
                {"bench", "--seq", "1"},
                {"eval", "--model", "m", "--task", "rte", "--data", data.toString(), "--split", "validation"},
                {"demo", "--epochs", "0"},
                {"convert", "--from"},
                {"select", "--model", "m"},
                {"select", "--model", "m", "--task", "rtee", "--data", data.toString(), "--out", "o"},
        };
        for (String[] args : bad) {
            AppRun r = AppRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r);
            assertTrue(!r.err().isBlank(), "a message for " + String.join(" ", args));
        }
        assertTrue(AppRun.of("data", "--task", "rtee").err().contains("must be one of"), "a task typo lists the tasks");
        assertTrue(AppRun.of("--threads", "0", "data").err().contains("--threads"));
    }

    @Test
    void missingModelsAndDataFailWithMessagesNamingThem(@TempDir Path tmp) throws IOException {
        String data = Fixtures.glueData().toString();
        AppRun noModel = AppRun.of("eval", "--model", tmp.resolve("nowhere").toString(), "--task", "rte", "--data", data);
        assertEquals(1, noModel.code(), noModel.toString());
        assertTrue(noModel.err().contains("nowhere") && noModel.err().contains("no such model directory"), noModel.toString());

        Path noConfig = TinyModel.write(tmp.resolve("model"));
        Files.delete(noConfig.resolve("config.json"));
        AppRun missing = AppRun.of("eval", "--model", noConfig.toString(), "--task", "rte", "--data", data);
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("config.json"), missing.toString());

        Path base = TinyModel.write(tmp.resolve("base"));
        AppRun baseOnly = AppRun.of("eval", "--model", base.toString(), "--task", "rte", "--data", data);
        assertEquals(1, baseOnly.code(), baseOnly.toString());
        assertTrue(baseOnly.err().contains("no task head"), baseOnly.toString());

        Path roberta = TinyModel.write(tmp.resolve("roberta"));
        Files.writeString(roberta.resolve("config.json"), Files.readString(roberta.resolve("config.json"))
                .replace("\"model_type\": \"bert\"", "\"model_type\": \"roberta\""));
        AppRun wrongType = AppRun.of("train", "--model", roberta.toString(), "--task", "rte", "--data", data, "--out", tmp.resolve("r").toString());
        assertEquals(1, wrongType.code(), wrongType.toString());
        assertTrue(wrongType.err().contains("model_type") && wrongType.err().contains("roberta"), wrongType.toString());

        Path emptyData = Files.createDirectories(tmp.resolve("glue_data"));
        AppRun noFiles = AppRun.of("train", "--model", base.toString(), "--task", "rte", "--data", emptyData.toString(),
                "--out", tmp.resolve("run").toString());
        assertEquals(1, noFiles.code(), noFiles.toString());
        assertTrue(noFiles.err().contains("RTE") && noFiles.err().contains("train.tsv"), noFiles.toString());

        AppRun tooLong = AppRun.of("train", "--model", base.toString(), "--task", "rte", "--data", data,
                "--out", tmp.resolve("run2").toString(), "--max-length", "1000");
        assertEquals(1, tooLong.code(), tooLong.toString());
        assertTrue(tooLong.err().contains("max_position_embeddings"), tooLong.toString());
    }

    @Test
    void selectNeedsDataOnlyForTasksWithoutABundledCopy(@TempDir Path tmp) throws IOException {
        Path base = TinyModel.write(tmp.resolve("base"));
        AppRun noData = AppRun.of("select", "--model", base.toString(), "--task", "rte", "--out", tmp.resolve("s1").toString());
        assertEquals(1, noData.code(), noData.toString());
        assertTrue(noData.err().contains("--data") && noData.err().contains("rte"), noData.toString());

        AppRun bundled = AppRun.of("select", "--model", base.toString(), "--task", "sentiment", "--samples", "8",
                "--out", tmp.resolve("s2").toString());
        assertEquals(0, bundled.code(), bundled.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("s2/heads.json")), bundled.toString());
    }

    @Test
    void benchPrintsGemmAndStepTimes() {
        AppRun r = AppRun.of("bench", "--batch", "2", "--seq", "8", "--hidden", "64", "--layers", "1", "--reps", "1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("GFLOP/s") && r.out().contains("train step, HiFi k=1"), r.out());
    }

    @Test
    void convertFailsOnAMissingSource(@TempDir Path tmp) {
        AppRun r = AppRun.of("convert", "--from", tmp.resolve("nothing.onnx").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("nothing.onnx"), r.toString());
    }
}
