package hifi.engine.bert;

import hifi.engine.backend.Backends;
import hifi.engine.data.Batch;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.nn.PassContext;
import hifi.engine.param.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a model directory with the production safetensors reader. */
class BertLoadTest {
    static final Path DIR = SafetensorsFixture.resource("/fixtures/tiny-bert-classification");

    @Test
    void loadsTheFixtureDirectory() throws Exception {
        var be = Backends.byName("simd");
        var model = BertForSequenceClassification.load(DIR, 0, 1, be);
        TinyBert tb = TinyBert.load("tiny-bert-classification", be);
        var logits = model.forward(tb.batch, false, 0, null).logits();
        BertFixtureTest.assertClose("logits", tb.expected.tensor("logits"), logits, 1e-5);
    }

    @Test
    void newTaskHeadIsFreshAndTheEncoderIsKept() throws Exception {
        var model = BertForSequenceClassification.load(DIR, 5, 1, Backends.byName("reference"));
        assertEquals(5, model.config().numLabels());
        Parameter cls = model.parameters().stream().filter(p -> p.name().equals("classifier.weight")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {5, 32}, cls.value().shape());
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("reference"));
        assertArrayEquals(tb.model.parameters().get(3).value().toArray(), model.parameters().get(3).value().toArray());
    }

    @Test
    void headAndBatchMustAgree() throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("reference"));
        var regression = BertForSequenceClassification.load(DIR, 1, 1, Backends.byName("reference"));
        var e = assertThrows(IllegalArgumentException.class, () -> regression.forward(tb.batch, false, 0, null));
        assertTrue(e.getMessage().contains("needs float targets"), e.getMessage());
        Batch targets = new Batch(tb.batch.ids(), tb.batch.tokenTypes(), tb.batch.attentionMask(), tb.batch.batch(), tb.batch.seqLen(),
                null, new float[tb.batch.batch()]);
        e = assertThrows(IllegalArgumentException.class, () -> tb.model.forward(targets, false, 0, null));
        assertTrue(e.getMessage().contains("needs integer labels"), e.getMessage());
    }

    /** A BertModel-style checkpoint: no {@code bert.} prefix, no classifier, no pooler. */
    @Test
    void unprefixedEncoderCheckpointGetsAFreshHead(@TempDir Path dir) throws Exception {
        TinyBert tb = TinyBert.load("tiny-bert-classification", Backends.byName("reference"));
        SafetensorsWriter w = new SafetensorsWriter();
        for (Parameter p : tb.model.parameters()) {
            String n = p.name();
            if (n.startsWith("classifier.") || n.startsWith("bert.pooler.")) continue;
            w.putFloats(n.substring(5), p.value().toArray(), p.value().shape());
        }
        w.write(dir.resolve("model.safetensors"));
        Files.copy(DIR.resolve("config.json"), dir.resolve("config.json"));
        BertModel encoder = BertModel.load(dir, 3);
        assertEquals("bert.embeddings.word_embeddings.weight", encoder.parameters().get(0).name());
        var model = BertForSequenceClassification.load(dir, 3, 3, Backends.byName("reference"));
        var sequence = model.bert().forward(PassContext.eval(model.backend(), null), tb.batch).sequence();
        BertFixtureTest.assertClose("last hidden state", tb.expected.tensor("act.layer.1.output"), sequence, 1e-5);

        // Now drop an encoder tensor: that is an error naming the file and the tensor.
        SafetensorsWriter partial = new SafetensorsWriter();
        partial.putFloats("embeddings.word_embeddings.weight", tb.model.parameters().get(0).value().toArray(), tb.model.parameters().get(0).value().shape());
        partial.write(dir.resolve("model.safetensors"));
        var e = assertThrows(ModelFormatException.class, () -> BertForSequenceClassification.load(dir, 2, 3, Backends.byName("reference")));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("position_embeddings"), e.getMessage());
    }
}
