package hifi.engine.nn;

import hifi.engine.tensor.Tensor;

/**
 * Observes each layer's attention context — the concatenated head outputs before {@code attention.output.dense}
 * ({@code W_O}) — during a forward pass. HiFi's statistics pass is one such listener; the model calls it once per layer
 * and batch, in layer order, and the listener must not keep a reference to {@code context} after returning.
 */
@FunctionalInterface
public interface HeadOutputListener {
    /**
     * @param layer         encoder layer index, from 0
     * @param context       {@code [batch, seqLen, hidden]}; head {@code h} is columns {@code h·dh .. (h+1)·dh − 1}
     * @param attentionMask {@code [batch · seqLen]} row-major, 1 for a real token, 0 for padding
     */
    void onContext(int layer, Tensor context, int[] attentionMask);
}
