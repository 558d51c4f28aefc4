package hifi.method.select;

import hifi.engine.nn.HeadOutputListener;
import hifi.engine.tensor.Tensor;

/** Forwards to another listener and adds up the wall time spent inside it (the statistics share of a forward pass). */
final class TimedListener implements HeadOutputListener {
    private final HeadOutputListener inner;
    private long nanos;

    TimedListener(HeadOutputListener inner) {
        this.inner = inner;
    }

    @Override
    public void onContext(int layer, Tensor context, int[] attentionMask) {
        long t0 = System.nanoTime();
        try {
            inner.onContext(layer, context, attentionMask);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    long nanos() {
        return nanos;
    }
}
