package hifi.engine.nn;

import hifi.engine.backend.Backend;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.List;

/**
 * The post-LN tail of both BERT sublayers: {@code out = LayerNorm(dropout(y) + residual)} (HF's
 * {@code BertSelfOutput}/{@code BertOutput} after their dense layer).
 */
public final class ResidualNorm {
    private final Dropout dropout;
    private final LayerNorm norm;

    public ResidualNorm(Dropout dropout, LayerNorm norm) {
        this.dropout = dropout;
        this.norm = norm;
    }

    public List<Parameter> parameters() {
        return norm.parameters();
    }

    public boolean isTrainable(Gradients grads) {
        return norm.isTrainable(grads);
    }

    /** Consumes {@code y} (overwritten by the pre-norm sum) and writes {@code out}. */
    public LayerNorm.Cache forward(PassContext pass, Tensor y, Tensor residual, Tensor out) {
        dropout.forward(pass, y, y);
        pass.backend().add(y, residual, y);
        return norm.forward(pass.backend(), y, out);
    }

    /**
     * Backward through the LayerNorm: accumulates trainable LayerNorm gradients and, when {@code needInputs}, returns
     * the gradient of the sum (which is also the residual's gradient); otherwise returns {@code null}.
     */
    public Tensor backward(Backend be, LayerNorm.Cache c, Tensor dOut, Gradients grads, boolean needInputs) {
        Tensor dSum = needInputs ? be.allocateOutput(dOut.shape()) : null;
        norm.backward(be, c, dOut, dSum, grads);
        return dSum;
    }

    /**
     * The gradient of {@code y} from the gradient of the sum: through the dropout of the forward's {@code pass} (a new
     * tensor when it is active).
     */
    public Tensor branchGradient(PassContext pass, Tensor dSum) {
        if (!dropout.active(pass)) return dSum;
        Tensor dy = pass.backend().allocateOutput(dSum.shape());
        dropout.backward(pass, dSum, dy);
        return dy;
    }
}
