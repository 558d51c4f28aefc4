package hifi.engine.train;

import hifi.engine.data.Batch;
import hifi.engine.param.Gradients;

import java.util.List;

/**
 * Where the micro-batches of one batch are computed: in this process ({@link LocalMicroBatches}) or elsewhere (on a
 * cluster's executors). The {@link Trainer} sums what it is handed, in micro-batch order, always with the same
 * arithmetic, so two executors that compute the same micro-batch gradients give the same training bit for bit.
 */
public interface MicroBatchExecutor {

    /** Receives one micro-batch's mean loss and gradients; {@code gradients} is only valid during the call. */
    @FunctionalInterface
    interface Sink {
        void accept(int part, float loss, Gradients gradients);
    }

    /**
     * Computes, for each micro-batch {@code j} in order, its mean loss and the gradients of the trainable slices on a
     * model whose trainable slices hold the values of {@code trained}'s slices (the dropout masks from
     * {@code stepSeeds[j]}), and hands them to {@code sink} in micro-batch order. {@code scratch} has the layout of
     * {@code trained} and is the executor's to overwrite (it may hand it to the sink). When a loss is not finite its
     * gradients are unspecified; the trainer stops the run.
     */
    void run(List<Batch> microBatches, long[] stepSeeds, Gradients trained, Gradients scratch, Sink sink);
}
