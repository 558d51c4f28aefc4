package hifi.glue.run;

import hifi.glue.tasks.GlueTask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SweepConfigTest {
    static final String CONFIG = """
            {
              "name": "demo",
              "tasks": ["rte", "SST-2"],
              "methods": ["full", {"name": "hifi-k2", "method": "hifi", "k": 2, "epochs": 5}],
              "seeds": [1, 2],
              "learning_rates": {"full": [2e-5], "hifi": [3e-4, 1e-3]},
              "params": {"model": "models/mini", "epochs": 10},
              "task_params": {"sst2": {"epochs": 1}},
              "task_seeds": {"sst2": [7]}
            }
            """;

    @Test
    void expandsTheGridWithOverrides() {
        SweepConfig c = SweepConfig.parse(CONFIG, "cfg.json");
        assertEquals("demo", c.name());
        // rte: full 1 lr × 2 seeds + hifi 2 lr × 2 seeds = 6; sst2: (1 + 2) × 1 seed = 3
        assertEquals(9, c.runs().size());
        RunSpec first = c.runs().getFirst();
        assertEquals(GlueTask.RTE, first.task());
        assertEquals("rte_full_lr2e-5_s1", first.folderName());
        assertEquals(Map.of("model", "models/mini", "epochs", 10L), first.params());
        RunSpec hifi = c.runs().get(2);
        assertEquals("rte_hifi-k2_lr3e-4_s1", hifi.folderName());
        assertEquals("hifi", hifi.method());
        assertEquals(Map.of("model", "models/mini", "epochs", 5L, "k", 2L), hifi.params());
        RunSpec sst = c.runs().get(6);
        assertEquals("sst2_full_lr2e-5_s7", sst.folderName());
        assertEquals(1L, sst.params().get("epochs"));
        assertEquals(List.of("rte_full_lr2e-5_s1", "rte_full_lr2e-5_s2", "rte_hifi-k2_lr3e-4_s1", "rte_hifi-k2_lr3e-4_s2",
                        "rte_hifi-k2_lr1e-3_s1", "rte_hifi-k2_lr1e-3_s2", "sst2_full_lr2e-5_s7", "sst2_hifi-k2_lr3e-4_s7",
                        "sst2_hifi-k2_lr1e-3_s7"),
                c.runs().stream().map(RunSpec::folderName).toList());
    }

    @Test
    void onlySeedsKeepsThoseRunsInOrder() {
        SweepConfig c = SweepConfig.parse(CONFIG, "cfg.json").onlySeeds(List.of(1L));
        assertEquals(List.of("rte_full_lr2e-5_s1", "rte_hifi-k2_lr3e-4_s1", "rte_hifi-k2_lr1e-3_s1"),
                c.runs().stream().map(RunSpec::folderName).toList());
        assertEquals("--seeds: no run has seed 5",
                assertThrows(IllegalArgumentException.class, () -> SweepConfig.parse(CONFIG, "cfg.json").onlySeeds(List.of(1L, 5L))).getMessage());
    }

    @Test
    void rateFormatting() {
        assertEquals("3e-4", RunSpec.formatRate(3e-4));
        assertEquals("2.5e-5", RunSpec.formatRate(2.5e-5));
        assertEquals("1e0", RunSpec.formatRate(1));
        assertEquals("1.5e2", RunSpec.formatRate(150));
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> SweepConfig.parse(json, "cfg.json")).getMessage();
    }

    @Test
    void mistakesNameTheFileAndKey() {
        assertTrue(error("{\"tasks\":[\"rte\"],\"methods\":[\"full\"],\"seeds\":[1],\"learning_rates\":[1e-5],\"sedes\":[1]}")
                .startsWith("cfg.json: sedes: unknown key"));
        assertTrue(error("{\"tasks\":[\"squad\"],\"methods\":[\"full\"],\"seeds\":[1],\"learning_rates\":[1e-5]}")
                .startsWith("cfg.json: tasks: unknown task 'squad'"));
        assertEquals("cfg.json: seeds: expected a non-empty array",
                error("{\"tasks\":[\"rte\"],\"methods\":[\"full\"],\"seeds\":[],\"learning_rates\":[1e-5]}"));
        assertEquals("cfg.json: learning_rates: learning rates must be positive numbers, got -1",
                error("{\"tasks\":[\"rte\"],\"methods\":[\"full\"],\"seeds\":[1],\"learning_rates\":[-1]}"));
        assertTrue(error("{\"tasks\":[\"rte\"],\"methods\":[\"full\",\"bitfit\"],\"seeds\":[1],\"learning_rates\":{\"full\":[1e-5]}}")
                .contains("no learning rates for method bitfit"));
        assertTrue(error("{\"tasks\":[\"rte\"],\"methods\":[\"full\",\"full\"],\"seeds\":[1],\"learning_rates\":[1e-5]}")
                .contains("two runs share the folder rte_full_lr1e-5_s1"));
        assertTrue(error("{\"tasks\":[\"rte\"]").startsWith("cfg.json: malformed JSON"));
        assertEquals("cfg.json: methods: missing", error("{\"tasks\":[\"rte\"],\"seeds\":[1],\"learning_rates\":[1e-5]}"));
    }
}
