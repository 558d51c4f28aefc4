package hifi.spark;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.tensor.Tensor;
import hifi.engine.train.MicroBatchExecutor;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-parallel training on Spark: each micro-batch of a step is one task. The model is broadcast once (executors keep
 * their copy for the whole run, {@link ExecutorModels}); each step broadcasts only the trainable slices' values; each
 * task computes its micro-batch's loss and trainable gradients there and sends back just those. The trainer sums them
 * in micro-batch order and steps AdamW in the driver, as it does for in-process micro-batches, so both train the same
 * weights bit for bit.
 */
final class SparkMicroBatches implements MicroBatchExecutor, AutoCloseable {
    private final JavaSparkContext sc;
    private final Broadcast<ModelShipment> model;
    private final StepTimes times = new StepTimes();
    private final PrintStream log;
    private final Backend driver;

    SparkMicroBatches(JavaSparkContext sc, BertForSequenceClassification driverModel, String backendName, PrintStream log) {
        this.sc = sc;
        this.log = log;
        this.driver = driverModel.backend();
        this.model = sc.broadcast(ModelShipment.of(driverModel, backendName));
    }

    /** One micro-batch to compute. */
    record Part(int index, ShippedBatch batch, long seed) implements Serializable {
    }

    /** What a task sends back: the micro-batch's mean loss and its trainable gradients, slice by slice. */
    record PartResult(int index, float loss, float[][] gradients, long computeNanos) implements Serializable {
    }

    @Override
    public void run(List<Batch> microBatches, long[] stepSeeds, Gradients trained, Gradients scratch, Sink sink) {
        long start = System.nanoTime();
        Broadcast<SliceValues> slices = sc.broadcast(SliceValues.of(trained));
        List<Part> parts = new ArrayList<>();
        for (int j = 0; j < microBatches.size(); j++) parts.add(new Part(j, ShippedBatch.of(microBatches.get(j)), stepSeeds[j]));
        Broadcast<ModelShipment> m = model;
        List<PartResult> results;
        try {
            results = sc.parallelize(parts, parts.size()).map(p -> compute(m, slices, p)).collect();
        } finally {
            slices.destroy();
        }
        long gathered = System.nanoTime();
        for (PartResult r : results) {
            List<Gradients.Slice> into = scratch.slices();
            for (int i = 0; i < into.size(); i++) driver.copy(Tensor.of(r.gradients()[i], into.get(i).grad().shape()), into.get(i).grad());
            sink.accept(r.index(), r.loss(), scratch);
        }
        times.add(gathered - start, System.nanoTime() - gathered, results.stream().mapToLong(PartResult::computeNanos).max().orElse(0));
    }

    /** On an executor: the micro-batch on this executor's model copy with the step's slice values. */
    static PartResult compute(Broadcast<ModelShipment> shipment, Broadcast<SliceValues> slices, Part part) {
        long start = System.nanoTime();
        BertForSequenceClassification model = ExecutorModels.borrow(shipment);
        try {
            SliceValues values = slices.value();
            Gradients grads = values.allocate(model);
            values.writeInto(grads, model.backend());
            float loss;
            try (PassScope pass = model.backend().openPass()) {
                loss = model.trainStep(part.batch().unpack(), part.seed(), grads);
            }
            return new PartResult(part.index(), loss, SliceValues.gradients(grads, model.backend()), System.nanoTime() - start);
        } finally {
            ExecutorModels.giveBack(shipment, model);
        }
    }

    /** Wall times of the steps so far (the scaling projection reads them). */
    StepTimes times() {
        return times;
    }

    @Override
    public void close() {
        model.destroy();
        if (times.steps() > 0) log.println("spark training: " + times);
    }
}
