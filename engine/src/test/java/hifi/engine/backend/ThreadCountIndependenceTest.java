package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.RandomTensors;
import hifi.engine.testing.TestBackends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The parallel SIMD kernels give bit-identical results for 1, 2 and 3 worker threads. The shapes ([48, 768], as a
 * contiguous tensor and as a padded strided view) exceed the split grain, so with two or three threads the rows,
 * columns or flat ranges really are divided among two or three tasks.
 */
class ThreadCountIndependenceTest {
    private static final int ROWS = 48, C = 768;

    static List<SimdBackend> backends() {
        return TestBackends.simd().subList(0, 2);
    }


    /** Runs {@code ops} (which returns every output it wrote, as float arrays) under each thread count and compares bits. */
    private static void assertIndependent(SimdBackend be, String what, Function<Boolean, List<float[]>> ops) {
        for (boolean strided : new boolean[] {false, true}) {
            List<List<float[]>> runs = new ArrayList<>();
            for (int threads : new int[] {1, 2, 3}) {
                be.workers().setThreads(threads);
                runs.add(ops.apply(strided));
            }
            for (int t = 1; t < runs.size(); t++) {
                for (int k = 0; k < runs.get(0).size(); k++) {
                    assertArrayEquals(bits(runs.get(0).get(k)), bits(runs.get(t).get(k)),
                            what + (strided ? " strided" : "") + ": output " + k + " differs between 1 and " + (t + 1) + " threads");
                }
            }
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    private static Tensor input(long seed, boolean strided) {
        return strided ? RandomTensors.normalView(seed, 2f, 5, ROWS, C) : RandomTensors.normal(seed, 2f, ROWS, C);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rowWiseKernels(SimdBackend be) {
        assertIndependent(be, be.name() + " softmax", strided -> {
            Tensor x = input(1, strided), dx = input(2, strided);
            be.softmax(x, null);
            be.softmaxBackward(x, input(3, strided), dx);
            return List.of(x.toArray(), dx.toArray());
        });
        assertIndependent(be, be.name() + " crossEntropy", strided -> {
            Tensor g = input(4, strided);
            float loss = be.crossEntropy(input(5, strided), RandomTensors.ints(6, ROWS, C), g);
            return List.of(new float[] {loss}, g.toArray());
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void layerNormForwardAndBackward(SimdBackend be) {
        assertIndependent(be, be.name() + " layerNorm", strided -> {
            Tensor x = input(7, strided), y = input(8, strided), gamma = RandomTensors.normal(9, 1f, C), beta = RandomTensors.normal(10, 1f, C);
            Tensor mean = Tensor.zeros(ROWS), rstd = Tensor.zeros(ROWS);
            be.layerNorm(x, gamma, beta, 1e-12f, y, mean, rstd);
            Tensor dx = input(11, strided), dgamma = RandomTensors.normal(12, 1f, C), dbeta = RandomTensors.normal(13, 1f, C);
            be.layerNormBackward(input(14, strided), x, gamma, mean, rstd, dx, dgamma, dbeta);
            return List.of(y.toArray(), mean.toArray(), rstd.toArray(), dx.toArray(), dgamma.toArray(), dbeta.toArray());
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void elementwiseKernels(SimdBackend be) {
        assertIndependent(be, be.name() + " activations, dropout, add/axpy/scale", strided -> {
            List<float[]> out = new ArrayList<>();
            for (Activation act : Activation.values()) {
                Tensor x = input(15, strided), y = input(16, strided), dx = input(17, strided);
                be.activation(act, x, y);
                be.activationBackward(act, x, y, input(18, strided), dx);
                out.add(y.toArray());
                out.add(dx.toArray());
            }
            Tensor d = input(19, strided);
            be.dropout(input(20, strided), d, 0.1f, 42);
            out.add(d.toArray());
            Tensor s = input(21, strided);
            be.add(input(22, strided), s, s);
            be.axpy(0.3f, input(23, strided), s);
            be.scale(s, -1.5f);
            out.add(s.toArray());
            return out;
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void columnReductions(SimdBackend be) {
        assertIndependent(be, be.name() + " columnSums, embeddingBackward", strided -> {
            Tensor sums = RandomTensors.normal(24, 1f, C);
            be.columnSums(input(25, strided), sums);
            int[] ids = RandomTensors.ints(26, ROWS, 9);
            Tensor dTable = RandomTensors.normal(27, 1f, 9, C);
            be.embeddingBackward(input(28, strided), ids, dTable);
            return List.of(sums.toArray(), dTable.toArray());
        });
    }
}
