package hifi.glue.train;

import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.train.MicroBatchExecutor;

/**
 * Where a fine-tuning run's micro-batches are computed: makes the trainer's {@link MicroBatchExecutor} for the run's
 * model (with its task head, as it starts training). {@link FineTuning} closes the executor after the run when it is
 * {@link AutoCloseable}. Without a placement the micro-batches run in this process.
 */
@FunctionalInterface
public interface MicroBatchPlacement {
    MicroBatchExecutor executor(BertForSequenceClassification model);
}
