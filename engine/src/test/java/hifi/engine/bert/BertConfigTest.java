package hifi.engine.bert;

import hifi.engine.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BertConfigTest {

    @Test
    void readsTheFixtureConfig() throws Exception {
        BertConfig c = BertConfig.load(SafetensorsFixture.resource("/fixtures/tiny-bert-classification/config.json"));
        assertEquals(32, c.hiddenSize());
        assertEquals(8, c.headSize());
        assertEquals(3, c.numLabels());
        assertEquals(1e-12f, c.layerNormEps());
        assertTrue(!c.isRegression());
        BertConfig r = BertConfig.load(SafetensorsFixture.resource("/fixtures/tiny-bert-regression/config.json"));
        assertTrue(r.isRegression());
        assertEquals(c, BertConfig.fromJson(Json.parseObject(Json.write(c.toJson())), "round trip"));
        assertEquals(r, BertConfig.fromJson(r.toJson(), "round trip"));
    }

    private static String error(Path dir, String edit, Object value) throws Exception {
        Map<String, Object> j = Json.parseObject(Files.readString(SafetensorsFixture.resource("/fixtures/tiny-bert-classification/config.json")));
        if (value == null) j.remove(edit);
        else j.put(edit, value);
        Path f = dir.resolve("config.json");
        Files.writeString(f, Json.write(j));
        return assertThrows(IllegalArgumentException.class, () -> BertConfig.load(f)).getMessage();
    }

    @Test
    void badValuesNameTheFileAndKey(@TempDir Path dir) throws Exception {
        String f = dir.resolve("config.json").toString();
        String m = error(dir, "num_attention_heads", 5L);
        assertTrue(m.startsWith(f) && m.contains("hidden_size 32 is not divisible by num_attention_heads 5"), m);
        m = error(dir, "hidden_act", "swish");
        assertTrue(m.startsWith(f) && m.contains("unsupported hidden_act \"swish\""), m);
        m = error(dir, "intermediate_size", null);
        assertTrue(m.startsWith(f) && m.contains("missing key \"intermediate_size\""), m);
        m = error(dir, "hidden_size", "big");
        assertTrue(m.startsWith(f) && m.contains("\"hidden_size\" must be an integer"), m);
        m = error(dir, "num_labels", 7L);
        assertTrue(m.startsWith(f) && m.contains("num_labels 7 disagrees with id2label"), m);
        m = error(dir, "classifier_dropout", 0.3);
        assertTrue(m.startsWith(f) && m.contains("classifier_dropout 0.3 differs from hidden_dropout_prob"), m);
        m = error(dir, "hidden_dropout_prob", 1.5);
        assertTrue(m.startsWith(f) && m.contains("hidden_dropout_prob must be in [0, 1)"), m);
    }
}
