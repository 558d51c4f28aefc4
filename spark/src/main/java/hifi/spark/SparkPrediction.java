package hifi.spark;

import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.tensor.Tensor;
import hifi.engine.tokenizer.Encoding;
import hifi.glue.model.Predictions;
import hifi.glue.model.Predictor;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch prediction on Spark: the predictor's own batches (the same grouping by length, the same padding) are cut into
 * contiguous groups, one task each, on executors holding the broadcast model; their logits come back and are written
 * by example index exactly as the in-process predictor writes them, so the output is the same in content and order.
 */
final class SparkPrediction {
    private SparkPrediction() {
    }

    /** One task's batches: the example indices of each and the padded batch. */
    record Group(List<int[]> indices, List<ShippedBatch> batches) implements Serializable {
    }

    /** One task's answer: the logits of each batch, row-major {@code [batch, labels]}. */
    record Logits(List<float[]> logits, int labels) implements Serializable {
    }

    static Predictions predict(JavaSparkContext sc, String backendName, BertForSequenceClassification model, Predictor predictor,
                               List<Encoding> encodings, int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("--partitions must be ≥ 1, got " + partitions);
        List<int[]> plan = predictor.plan(encodings);
        int n = encodings.size();
        boolean regression = model.config().isRegression();
        int[] classes = regression ? null : new int[n];
        float[] scores = regression ? new float[n] : null;
        if (plan.isEmpty()) return new Predictions(classes, scores);
        int groups = Math.min(partitions, plan.size());
        List<Group> work = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<int[]> idx = new ArrayList<>(plan.subList(g * plan.size() / groups, (g + 1) * plan.size() / groups));
            List<ShippedBatch> batches = new ArrayList<>();
            for (int[] i : idx) batches.add(ShippedBatch.of(predictor.collate(encodings, i)));
            work.add(new Group(idx, batches));
        }
        Broadcast<ModelShipment> shipment = sc.broadcast(ModelShipment.of(model, backendName));
        List<Logits> answers;
        try {
            answers = sc.parallelize(work, groups).map(g -> logits(shipment, g)).collect();
        } finally {
            shipment.destroy();
        }
        for (int g = 0; g < groups; g++) {
            List<int[]> idx = work.get(g).indices();
            Logits l = answers.get(g);
            for (int b = 0; b < idx.size(); b++) {
                Predictor.record(Tensor.of(l.logits().get(b), idx.get(b).length, l.labels()), idx.get(b), classes, scores);
            }
        }
        return new Predictions(classes, scores);
    }

    /** On an executor: the logits of a group's batches. */
    static Logits logits(Broadcast<ModelShipment> shipment, Group group) {
        BertForSequenceClassification model = ExecutorModels.borrow(shipment);
        try {
            List<float[]> out = new ArrayList<>();
            for (ShippedBatch b : group.batches()) {
                try (PassScope pass = model.backend().openPass()) {
                    out.add(model.backend().toHost(model.predict(b.unpack(), null)));
                }
            }
            return new Logits(out, model.config().numLabels());
        } finally {
            ExecutorModels.giveBack(shipment, model);
        }
    }
}
