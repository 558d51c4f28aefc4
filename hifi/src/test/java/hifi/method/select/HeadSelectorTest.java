package hifi.method.select;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.io.Json;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.HeadId;
import hifi.method.scoring.HeadSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadSelectorTest {
    private static final int LAYERS = 3, HEADS = 4;

    static List<TextExample> training(int n) {
        return FakeHeadOutputModel.examples(n);
    }

    private static SelectionResult run(SelectionConfig config, int trainingSize) {
        return new HeadSelector(new ReferenceBackend(), line -> { }).select(new FakeHeadOutputModel(LAYERS, HEADS, 5), training(trainingSize), config, "fake-task");
    }

    @Test
    void selectsTopKPerLayerFromTheScoresAndReportsStability() {
        SelectionConfig config = SelectionConfig.defaults().withSamples(20).withBatchSize(6).withK(2);
        SelectionResult r = run(config, 50);
        assertEquals(20, r.sampleIds().size());
        assertEquals(20, new HashSet<>(r.sampleIds()).size(), "distinct examples");
        assertEquals(HeadSelection.topKPerLayer(r.scores().scores(), 2), r.selected());
        assertEquals(LAYERS, r.scores().runs().size());
        assertEquals(LAYERS, r.stabilityTau().length);
        for (double t : r.stabilityTau()) assertTrue(Double.isNaN(t) || (t >= -1 && t <= 1));
        assertEquals(2, r.halfScores().size());
        for (var half : r.halfScores()) assertEquals(LAYERS, half.runs().size(), "each half is ranked per layer");
        assertTrue(r.timings().forwardSeconds() >= 0 && r.timings().statisticsSeconds() > 0 && r.timings().pageRankSeconds() > 0);
    }

    @Test
    void lowestOrderSelectsTheArgminOfEachLayerAndRecordsIt(@TempDir Path dir) throws IOException {
        SelectionResult r = run(SelectionConfig.defaults().withSamples(20).withBatchSize(6).withLowest(true), 50);
        double[][] s = r.scores().scores();
        List<HeadId> argmin = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            int min = 0;
            for (int h = 1; h < HEADS; h++) if (s[l][h] < s[l][min]) min = h;
            argmin.add(new HeadId(l, min));
        }
        assertEquals(argmin, r.selected());
        HeadsJson.write(r, dir.resolve("heads.json"));
        Map<String, Object> j = Json.parseObject(Files.readString(dir.resolve("heads.json")));
        assertEquals("lowest", ((Map<?, ?>) j.get("configuration")).get("order"));
        SelectionResult top = run(SelectionConfig.defaults().withSamples(20).withBatchSize(6), 50);
        assertEquals("top", ((Map<?, ?>) HeadsJson.toJson(top).get("configuration")).get("order"));
    }

    @Test
    void resultDoesNotDependOnBatchSize() {
        SelectionResult a = run(SelectionConfig.defaults().withSamples(16).withBatchSize(16), 40);
        SelectionResult b = run(SelectionConfig.defaults().withSamples(16).withBatchSize(3), 40);
        assertEquals(a.sampleIds(), b.sampleIds());
        assertEquals(a.selected(), b.selected());
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                assertEquals(a.statistics().information()[l][h], b.statistics().information()[l][h], 1e-6 * a.statistics().information()[l][h]);
            }
            assertArrayEquals(a.scores().scores()[l], b.scores().scores()[l], 1e-9);
        }
    }

    @Test
    void globalScopeAndGlobalBudget() {
        SelectionConfig config = SelectionConfig.defaults().withSamples(12).withScope(GraphScope.GLOBAL).withGlobalSelection(true).withK(2);
        SelectionResult r = run(config, 30);
        assertNotNull(r.statistics().globalCorrelation());
        assertEquals(1, r.scores().runs().size());
        assertEquals(2 * LAYERS, r.selected().size());
        assertEquals(HeadSelection.topGlobal(r.scores().scores(), 2 * LAYERS), r.selected());
    }

    @Test
    void ablationMethodsRun() {
        SelectionResult info = run(SelectionConfig.defaults().withSamples(10).withMethod("info-only"), 30);
        for (int l = 0; l < LAYERS; l++) assertArrayEquals(info.statistics().information()[l], info.scores().scores()[l], 0);
        SelectionResult corr = run(SelectionConfig.defaults().withSamples(10).withMethod("corr-only"), 30);
        assertEquals(LAYERS, corr.scores().runs().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesHeadsJsonAndHeatmapAtomically(@TempDir Path dir) throws IOException {
        SelectionResult r = run(SelectionConfig.defaults().withSamples(14).withBatchSize(4), 30);
        Path json = dir.resolve("heads.json"), png = dir.resolve("heads.png");
        HeadsJson.write(r, json);
        HeadHeatmap.write(r.scores().scores(), r.selected(), png);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("heads.json", "heads.png"), files.map(p -> p.getFileName().toString()).sorted().toList(), "no temp files left");
        }

        Map<String, Object> j = Json.parseObject(Files.readString(json));
        assertEquals(HeadsJson.FORMAT, j.get("format"));
        assertEquals("fake-task", j.get("task"));
        Map<String, Object> cfg = (Map<String, Object>) j.get("configuration");
        assertEquals("B", cfg.get("variant"));
        assertEquals("nuclear", cfg.get("richness"));
        assertEquals("rv", cfg.get("correlation"));
        assertEquals(0.85, (Double) cfg.get("damping"), 0);
        List<Object> selected = (List<Object>) j.get("selected_heads");
        assertEquals(LAYERS, selected.size());
        for (int i = 0; i < LAYERS; i++) {
            Map<String, Object> h = (Map<String, Object>) selected.get(i);
            HeadId expected = r.selected().get(i);
            assertEquals((long) expected.layer(), h.get("layer"));
            assertEquals((long) expected.head(), h.get("head"));
        }
        List<Object> scores = (List<Object>) j.get("scores");
        assertEquals(r.scores().scores()[1][2], (Double) ((List<Object>) scores.get(1)).get(2), 0);
        List<Object> corr = (List<Object>) j.get("correlation");
        assertEquals(LAYERS, corr.size());
        Map<String, Object> pr = (Map<String, Object>) j.get("pagerank");
        assertEquals((long) r.scores().runs().get(0).iterations(), ((Map<String, Object>) ((List<Object>) pr.get("runs")).get(0)).get("iterations"));
        assertEquals(r.sampleIds(), ((Map<String, Object>) j.get("samples")).get("ids"));
        Map<String, Object> t = (Map<String, Object>) j.get("timings_seconds");
        assertTrue(t.keySet().containsAll(List.of("forward", "statistics", "pagerank", "total")));
        assertEquals(LAYERS, ((List<Object>) ((Map<String, Object>) j.get("stability")).get("kendall_tau_per_layer")).size());

        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > HEADS * 10 && img.getHeight() > LAYERS * 10);
    }

    @Test
    void heatmapMarksSelectedHeadsAndColoursByScore() {
        double[][] scores = {{0.1, 0.9}, {0.5, 0.5}};
        BufferedImage img = HeadHeatmap.render(scores, List.of(new HeadId(0, 1)));
        int low = img.getRGB(44 + 18, 24 + 12), high = img.getRGB(44 + 36 + 18, 24 + 12);
        assertEquals(HeadHeatmap.colour(0).getRGB(), low);
        assertEquals(HeadHeatmap.colour(1).getRGB(), high);
        assertEquals(0xFF000000, img.getRGB(44 + 36 + 1, 24 + 12), "black frame on the selected head");
        assertEquals(HeadHeatmap.colour(0.5).getRGB(), img.getRGB(44 + 1, 24 + 24 + 12), "no frame on an unselected head");
        int barY = 24 + 2 * 24 + 10 + 5; // the legend's colour bar, 10 px under the grid
        assertEquals(HeadHeatmap.colour(0).getRGB(), img.getRGB(44, barY), "legend starts at the lowest score's colour");
        assertEquals(HeadHeatmap.colour(1).getRGB(), img.getRGB(44 + 2 * 36 - 1, barY), "and ends at the highest's");
    }

    @Test
    void calibrationSampleIsSeededDistinctAndCapped() {
        int[] a = CalibrationSample.draw(100, 30, 7), b = CalibrationSample.draw(100, 30, 7), c = CalibrationSample.draw(100, 30, 8);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
        assertEquals(30, java.util.Arrays.stream(a).distinct().count());
        int[] all = CalibrationSample.draw(10, 256, 1);
        assertEquals(10, all.length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, java.util.Arrays.stream(all).sorted().toArray());
    }
}
