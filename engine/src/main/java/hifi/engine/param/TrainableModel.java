package hifi.engine.param;

import hifi.engine.backend.Backend;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;

import java.util.List;

/**
 * What a trainer needs of a model: gradient storage for a trainable set, its batches, and one training forward and
 * backward. {@code hifi.engine.train} works over this interface only, so it depends on no model package.
 */
public interface TrainableModel {
    /** The backend the model's tensors live on. */
    Backend backend();

    /** Every parameter of the model, trainable or frozen. */
    List<Parameter> parameters();

    /** Zero-filled gradient storage for exactly the slices {@code trainable} selects. */
    Gradients allocateGradients(Trainable trainable);

    /**
     * The padded batch of {@code examples[indices]} in the form the model trains on (its pad id; class labels or
     * regression targets, as its head needs).
     */
    Batch collate(List<TrainingExample> examples, int[] indices);

    /**
     * One training micro-step: forward in train mode (dropout masks from {@code stepSeed}), then the backward, which
     * adds the gradients of the trainable slices into {@code grads}. Returns the mean loss; when it is not finite the
     * backward is skipped (the trainer stops the run).
     */
    float trainStep(Batch batch, long stepSeed, Gradients grads);
}
