package hifi.method.select;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.bert.BertModel;
import hifi.engine.tokenizer.BertTokenizer;
import hifi.engine.tokenizer.NormalizerOptions;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.HeadStatistics;
import hifi.method.scoring.RichnessMeasure;
import hifi.method.stats.HeadStatisticsAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real BERT forward (the engine's tiny PyTorch fixture: 2 layers, 4 heads, hidden 32, vocabulary 99) behind the
 * selector. A made-up 99-word vocabulary gives a tokenizer of the right size.
 *
 * <p>Batching changes only the padding, which the attention mask removes (padded keys get weight exactly 0); the
 * GEMMs see different sequence lengths, so sums may round differently: statistics across batchings agree to 1e-5
 * relative rather than bit for bit.
 */
class BertHeadOutputModelTest {

    private static Path tinyModel(Path tmp) throws IOException, URISyntaxException {
        // Streamed from the class path: under `mvn verify` the engine's test resources are inside its test-jar.
        Path dir = Files.createDirectories(tmp.resolve("tiny"));
        for (String file : List.of("config.json", "model.safetensors")) {
            try (var in = BertHeadOutputModelTest.class.getResourceAsStream("/fixtures/tiny-bert-classification/" + file)) {
                assertNotNull(in, "the engine's tiny-bert fixture " + file + " is not on the test class path (engine test-jar)");
                Files.copy(in, dir.resolve(file));
            }
        }
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (int i = 0; vocab.size() < 99; i++) vocab.add("w" + i);
        Files.write(dir.resolve("vocab.txt"), vocab);
        return dir;
    }

    private static List<TextExample> examples() {
        List<TextExample> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            StringBuilder a = new StringBuilder();
            for (int w = 0; w <= i % 7 + 1; w++) a.append("w").append((i * 13 + w * 7) % 90).append(' ');
            out.add(new TextExample("ex" + i, a.toString().trim(), i % 3 == 0 ? "w" + i + " w" + (i + 5) : null));
        }
        return out;
    }

    private static HeadStatistics statistics(HeadOutputModel model, List<TextExample> examples, int batch, Backend backend) {
        var acc = new HeadStatisticsAccumulator(model.layers(), model.heads(), RichnessMeasure.defaultMeasure(),
                CorrelationMeasure.defaultMeasure(), false, backend, HeadStatisticsAccumulator.NO_SPLIT);
        for (int from = 0; from < examples.size(); from += batch) {
            model.forward(examples.subList(from, Math.min(examples.size(), from + batch)), 128, acc);
        }
        return acc.statistics();
    }

    @Test
    void statisticsFromTheRealForwardDoNotDependOnBatching(@TempDir Path tmp) throws Exception {
        Backend backend = Backends.current();
        Path dir = tinyModel(tmp);
        var model = new BertHeadOutputModel(BertModel.load(dir, 0), BertTokenizer.fromVocabTxt(dir.resolve("vocab.txt"),
                NormalizerOptions.uncased()), backend, "tiny");
        assertEquals(2, model.layers());
        assertEquals(4, model.heads());
        HeadStatistics one = statistics(model, examples(), 1, backend), five = statistics(model, examples(), 5, backend);
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                double i1 = one.information()[l][h];
                assertTrue(i1 > 0, "a real head has non-zero output");
                assertEquals(i1, five.information()[l][h], 1e-5 * i1, "I[" + l + "][" + h + "]");
                for (int j = 0; j < 4; j++) assertEquals(one.correlation()[l][h][j], five.correlation()[l][h][j], 1e-5, "R");
            }
        }
    }

    @Test
    void opensAModelFolderAndSelects(@TempDir Path tmp) throws Exception {
        Path dir = tinyModel(tmp);
        HeadOutputModel model = BertHeadOutputModel.open(dir, Backends.current());
        SelectionResult r = new HeadSelector(Backends.current(), line -> { }).select(model, examples(),
                SelectionConfig.defaults().withSamples(10).withBatchSize(4), "tiny");
        assertEquals(2, r.selected().size());
        assertTrue(r.scores().allConverged());
        assertEquals(2, r.stabilityTau().length);
    }
}
