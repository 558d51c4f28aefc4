package hifi.engine.param;

import hifi.engine.tensor.Tensor;

/**
 * A named learnable tensor of the model, with HF's name (e.g. {@code bert.encoder.layer.3.attention.self.query.weight}).
 *
 * @param headAxis which dimension is split into attention heads: {@code 0} for the query/key/value weights and biases
 *                 (head {@code h} owns rows {@code h·d_h .. (h+1)·d_h − 1}), {@code 1} for
 *                 {@code attention.output.dense.weight} (head {@code h} owns those columns), {@code -1} for a parameter
 *                 that no single head owns
 * @param layer    the encoder layer, or {@code -1} for embeddings, pooler and classifier
 */
public record Parameter(String name, Tensor value, int headAxis, int layer) {

    /** A parameter no head owns. */
    public static Parameter of(String name, Tensor value, int layer) {
        return new Parameter(name, value, -1, layer);
    }

    public boolean isHeadSliced() {
        return headAxis >= 0;
    }
}
