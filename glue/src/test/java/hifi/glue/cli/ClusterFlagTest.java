package hifi.glue.cli;

import hifi.glue.cluster.Clusters;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --master} and {@code --partitions} in the plain build, which carries no cluster. */
class ClusterFlagTest {
    @Test
    void masterWithoutTheSparkBuildFailsInOneLineSayingWhatToBuildAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path model = TinyModel.write(tmp.resolve("model"));
        Path out = tmp.resolve("run");
        AppRun run = AppRun.of("train", "--model", model.toString(), "--task", "sentiment", "--out", out.toString(),
                "--master", "local[2]");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().contains(Clusters.MISSING), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void partitionsWithoutMasterIsAUsageError(@TempDir Path tmp) {
        AppRun run = AppRun.of("train", "--model", tmp.toString(), "--task", "sentiment", "--out", tmp.resolve("run").toString(),
                "--partitions", "2");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--partitions needs --master"), run.toString());
    }
}
