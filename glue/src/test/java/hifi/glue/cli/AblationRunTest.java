package hifi.glue.cli;

import hifi.engine.io.Json;
import hifi.glue.Fixtures;
import hifi.glue.testing.TinyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A train run with the ablation's selection settings on the tiny model: the settings reach heads.json, run.json's
 * hyperparameters and the adapter config, and result.json records the mean update time.
 */
class AblationRunTest {
    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = TinyModel.write(tmp.resolve("tiny"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void lowestGlobalVariantCIsRecordedAndStepTimeMeasured() throws IOException {
        Path run = tmp.resolve("rte-lowest");
        AppRun train = AppRun.of("train", "--model", model.toString(), "--task", "rte", "--data", Fixtures.glueData().toString(),
                "--out", run.toString(), "--method", "hifi", "--samples", "3", "--epochs", "2", "--batch-size", "2",
                "--max-length", "48", "--lr", "1e-3", "--order", "lowest", "--selection", "global", "--variant", "C");
        assertEquals(0, train.code(), train.toString());
        Map<String, Object> config = (Map<String, Object>) Json.parseObject(Files.readString(run.resolve("heads.json"))).get("configuration");
        assertEquals("lowest", config.get("order"));
        assertEquals("global", config.get("selection"));
        assertEquals("C", config.get("variant"));
        Map<String, Object> adapter = Json.parseObject(Files.readString(run.resolve("adapter/adapter_config.json")));
        assertEquals("C", adapter.get("variant"));
        Map<String, Object> hp = (Map<String, Object>) adapter.get("hyperparameters");
        assertEquals(List.of("C", "layer", "global", "lowest"), List.of(hp.get("variant"), hp.get("scope"), hp.get("selection"), hp.get("order")));
        Map<String, Object> extra = (Map<String, Object>) Json.parseObject(Files.readString(run.resolve("result.json"))).get("extra");
        // 2 updates per epoch, evaluations at the epoch ends: updates 1→2 and 3→4 are timed
        assertTrue(extra.get("mean_step_seconds") instanceof Number s && s.doubleValue() > 0, extra.toString());
        assertEquals(TinyModel.LAYERS, ((List<Object>) extra.get("heads")).size(), "k·layers heads overall");
    }
}
