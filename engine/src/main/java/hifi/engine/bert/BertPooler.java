package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.data.Batch;
import hifi.engine.nn.Linear;
import hifi.engine.nn.WeightSource;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;

import java.util.List;

/** {@code tanh(dense(h[:, 0]))}: the [CLS] pooler (HF {@code BertPooler}). */
public final class BertPooler {
    private final Linear dense;

    /** The [CLS] rows (a strided view of the sequence output) and the pooled output. */
    public record Cache(Tensor cls, Tensor pooled) {
        public long bytes() {
            return 4L * pooled.numel();
        }
    }

    public BertPooler(BertConfig c, WeightSource w, String prefix) {
        String p = prefix + "pooler.dense.";
        int h = c.hiddenSize();
        dense = new Linear(Parameter.of(p + "weight", w.get(p + "weight", h, h), -1), Parameter.of(p + "bias", w.get(p + "bias", h), -1));
    }

    public List<Parameter> parameters() {
        return dense.parameters();
    }

    /** {@code sequence [B·T, hidden]} → {@code pooled [B, hidden]}. */
    public Cache forward(Backend be, Tensor sequence, int batch, int seqLen) {
        Tensor cls = Batch.firstTokenRows(sequence, batch, seqLen);
        Tensor pooled = be.allocate(batch, dense.out());
        dense.forward(be, cls, pooled);
        be.activation(Activation.TANH, pooled, pooled);
        return new Cache(cls, pooled);
    }

    /** Accumulates trainable gradients; writes the [CLS] rows of {@code dSequence} (others untouched) unless it is null. */
    public void backward(Backend be, Cache c, Tensor dPooled, Gradients grads, Tensor dSequence, int batch, int seqLen) {
        if (dSequence == null && !dense.isTrainable(grads)) return;
        Tensor dPre = be.allocate(dPooled.shape());
        be.activationBackward(Activation.TANH, null, c.pooled(), dPooled, dPre);
        dense.backwardParams(be, c.cls(), dPre, grads);
        if (dSequence != null) dense.backwardInput(be, dPre, Batch.firstTokenRows(dSequence, batch, seqLen), false);
    }
}
