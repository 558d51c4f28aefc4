package hifi.engine.train;

import hifi.engine.backend.PassScope;
import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;
import hifi.engine.param.TrainableModel;

import java.util.List;

/**
 * The in-process {@link MicroBatchExecutor}: each micro-batch in turn on the trainer's own model (whose trainable
 * slices are the trained ones), its gradients computed into the zeroed scratch storage.
 */
public final class LocalMicroBatches implements MicroBatchExecutor {
    private final TrainableModel model;

    public LocalMicroBatches(TrainableModel model) {
        this.model = model;
    }

    @Override
    public void run(List<Batch> microBatches, long[] stepSeeds, Gradients trained, Gradients scratch, Sink sink) {
        for (int j = 0; j < microBatches.size(); j++) {
            scratch.zero(model.backend());
            float loss;
            try (PassScope pass = model.backend().openPass()) {
                loss = model.trainStep(microBatches.get(j), stepSeeds[j], scratch);
            }
            sink.accept(j, loss, scratch);
        }
    }
}
