package hifi.engine.kernels;

import hifi.engine.runtime.CounterRng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vectorised counter hash reproduces {@link CounterRng#bits} exactly, including 64-bit wrap-around. */
class DropoutTest {
    @Test
    void vectorCounterBitsEqualTheScalarGenerator() {
        long[] seeds = {0L, 1L, -1L, 0x5DEECE66DL, Long.MIN_VALUE, Long.MAX_VALUE};
        long[] firsts = {0L, 7L, 1L << 40, Long.MAX_VALUE - 5, -3L};
        long[] bits = new long[64];
        for (long seed : seeds) {
            for (long first : firsts) {
                Dropout.counterBits(seed, first, bits, 37);
                for (int j = 0; j < 37; j++) {
                    assertEquals(CounterRng.bits(seed, first + j), bits[j], "seed " + seed + ", counter " + (first + j));
                }
            }
        }
    }
}
