package hifi.bench;

import hifi.engine.tensor.Tensor;
import java.util.SplittableRandom;

/** Random benchmark inputs. */
final class Fill {
    private Fill() {
    }

    /** A contiguous tensor of uniform values in [-1, 1). */
    static Tensor random(SplittableRandom rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextDouble() * 2 - 1);
        return t;
    }
}
