package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.data.Batch;

import java.io.IOException;
import java.nio.file.Path;

/** Loads one tiny-BERT fixture directory: model, config, and the expected tensors of its batch. */
final class TinyBert {
    final BertConfig config;
    final BertForSequenceClassification model;
    final SafetensorsFixture expected;
    final Batch batch;

    private TinyBert(BertConfig config, BertForSequenceClassification model, SafetensorsFixture expected, Batch batch) {
        this.config = config;
        this.model = model;
        this.expected = expected;
        this.batch = batch;
    }

    static TinyBert load(String name, Backend be) throws IOException {
        Path dir = SafetensorsFixture.resource("/fixtures/" + name);
        BertConfig config = BertConfig.load(dir.resolve("config.json"));
        SafetensorsFixture weights = SafetensorsFixture.read(dir.resolve("model.safetensors"));
        var model = new BertForSequenceClassification(config, new MapWeights(weights.floats, dir.resolve("model.safetensors").toString()), be);
        SafetensorsFixture ex = SafetensorsFixture.read(dir.resolve("expected.safetensors"));
        int[] ids = ex.ints("input_ids");
        int b = ex.longs.get("labels") != null ? ex.ints("labels").length : ex.tensor("labels").numel();
        int t = ids.length / b;
        Batch batch = config.isRegression()
                ? new Batch(ids, ex.ints("token_type_ids"), ex.ints("attention_mask"), b, t, null, ex.tensor("labels").toArray())
                : new Batch(ids, ex.ints("token_type_ids"), ex.ints("attention_mask"), b, t, ex.ints("labels"), null);
        return new TinyBert(config, model, ex, batch);
    }
}
