package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

/** {@code nn.Embedding}: a {@code [V, C]} table looked up by id. */
public final class Embedding {
    private final Parameter table;

    public Embedding(Parameter table) {
        this.table = table;
    }

    public Parameter table() {
        return table;
    }

    /** {@code out[i] = table[ids[i]]}. */
    public void forward(Backend be, int[] ids, Tensor out) {
        be.embedding(table.value(), ids, out);
    }

    /** Scatter-adds {@code dOut} into the table gradient when the table is trainable; otherwise does nothing. */
    public void backward(Backend be, Tensor dOut, int[] ids, Gradients grads) {
        Tensor g = grads.whole(table.name());
        if (g != null) be.embeddingBackward(dOut, ids, g);
    }
}
