package hifi.glue.train;

import hifi.glue.run.RunSpec;
import hifi.glue.run.SweepConfig;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.select.SelectionConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inline head selection's settings as sweep method keys: parsed, checked, recorded, and passed to the selection. */
class SelectionSweepSettingsTest {
    private static final String CONFIG = """
            {"name": "ablation", "tasks": ["rte"], "seeds": [1], "learning_rates": [5e-4],
             "params": {"model": "m", "data": "d"},
             "methods": ["info-only", "corr-only",
                         {"name": "hifi-variant-a", "method": "hifi", "variant": "A"},
                         {"name": "hifi-global", "method": "hifi", "selection": "global", "k": 1},
                         {"name": "hifi-global-graph", "method": "hifi", "scope": "global"},
                         {"name": "hifi-lowest", "method": "hifi", "order": "lowest"}]}
            """;

    private static Map<String, SelectionConfig> configs() {
        Map<String, SelectionConfig> out = new java.util.LinkedHashMap<>();
        for (RunSpec run : SweepConfig.parse(CONFIG, "ablation.json").runs()) {
            out.put(run.methodName(), GlueRunExecutor.settings(run).selectionConfig(SelectionConfig.defaults()));
        }
        return out;
    }

    @Test
    void methodKeysReachTheSelectionConfig() {
        Map<String, SelectionConfig> c = configs();
        assertEquals("info-only", c.get("info-only").method());
        assertEquals("corr-only", c.get("corr-only").method());
        assertEquals(GraphVariant.A, c.get("hifi-variant-a").variant());
        assertEquals(GraphVariant.B, c.get("hifi-lowest").variant(), "default variant");
        assertTrue(c.get("hifi-global").globalSelection());
        assertFalse(c.get("hifi-variant-a").globalSelection());
        assertEquals(GraphScope.GLOBAL, c.get("hifi-global-graph").scope());
        assertEquals(GraphScope.LAYER, c.get("hifi-global").scope());
        assertTrue(c.get("hifi-lowest").lowest());
        assertFalse(c.get("hifi-global").lowest());
        assertEquals(1, c.get("hifi-lowest").k());
    }

    @Test
    void selectionSettingsAreRecordedOnlyForRunsThatSelect() {
        TrainSettings lowest = LoraSweepSettingsTest.settings("hifi", Map.of("model", "m", "order", "lowest", "selection", "global"));
        assertEquals("lowest", lowest.hyperparameters().get("order"));
        assertEquals("global", lowest.hyperparameters().get("selection"));
        assertEquals("B", lowest.hyperparameters().get("variant"));
        TrainSettings random = LoraSweepSettingsTest.settings("random-heads", Map.of("model", "m"));
        assertFalse(random.hyperparameters().containsKey("order"), "random heads are not ranked");
        TrainSettings given = LoraSweepSettingsTest.settings("hifi", Map.of("model", "m", "heads", "h/heads.json"));
        assertFalse(given.hyperparameters().containsKey("variant"), "a given heads.json records its own settings");
    }

    @Test
    void theAblationConfigHas72RunsThatAllParse() throws java.io.IOException {
        SweepConfig c = SweepConfig.read(java.nio.file.Path.of("../results/ablation/bge-small-ablation.json"));
        assertEquals(72, c.runs().size(), "6 rows × 4 tasks × 3 seeds");
        for (RunSpec run : c.runs()) assertTrue(GlueRunExecutor.settings(run).selectsHeads(), run.folderName());
        assertEquals(24, c.onlySeeds(java.util.List.of(1L)).runs().size(), "a first pass: seed 1 of everything");
    }

    @Test
    void badValuesNameTheSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> LoraSweepSettingsTest.settings("hifi", Map.of("model", "m", "order", "bottom")));
        assertEquals("order must be one of top, lowest, got \"bottom\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoraSweepSettingsTest.settings("hifi", Map.of("model", "m", "variant", "D")));
        assertTrue(e.getMessage().startsWith("variant must be one of A, B, C"), e.getMessage());
    }
}
