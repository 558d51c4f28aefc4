package hifi.glue.train;

import hifi.glue.run.RunSpec;
import hifi.glue.tasks.GlueTask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LoRA hyperparameters in a sweep's run parameters: the keys of their definitions, targets as a list or a string. */
class LoraSweepSettingsTest {
    static TrainSettings settings(String method, Map<String, Object> params) {
        return GlueRunExecutor.settings(new RunSpec(GlueTask.SENTIMENT, method, method, 1, 5e-4, params));
    }

    @Test
    void loraKeysReachTheRun() {
        TrainSettings s = settings("lora", Map.of("model", "m", "lora_r", 4L, "lora_alpha", 8L, "lora_dropout", 0.05,
                "lora_targets", List.of("query", "key", "value")));
        var lora = s.loraConfig();
        assertEquals(4, lora.r());
        assertEquals(8f, lora.alpha());
        assertEquals(0.05f, lora.dropout());
        assertEquals(List.of("query", "key", "value"), lora.targets());
        assertEquals(List.of("query", "value"), settings("lora", Map.of("model", "m", "lora_targets", "query,value")).loraConfig().targets());
        assertTrue(s.hyperparameters().containsKey("lora_r"), "recorded for a lora run");
        TrainSettings hifi = settings("hifi", Map.of("model", "m"));
        assertEquals(null, hifi.loraConfig());
        assertFalse(hifi.hyperparameters().containsKey("lora_r"), "not recorded for other methods");
        var e = assertThrows(IllegalArgumentException.class, () -> settings("lora", Map.of("model", "m", "lora_targets", List.of("dense"))));
        assertTrue(e.getMessage().contains("--lora-targets"), e.getMessage());
    }
}
