package hifi.engine.backend;

import hifi.engine.runtime.Activation;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.RandomTensors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD kernels give the same bits in the interpreter ({@code -Xint}, a child JVM) as after JIT compilation (this
 * JVM, after many warm-up calls). This is the regression test for the Vector API's {@code EXP}/{@code TANH}, whose
 * compiled (SVML) and interpreted ({@code Math.exp} per lane) results differ by an ulp: results must not depend on
 * how warm the JVM is.
 */
class JitDeterminismTest {

    /** Every op's outputs on fixed inputs, at the preferred and the 256-bit species, as raw float bits. */
    static byte[] outputs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int bits : new int[] {0, 256}) {
            SimdBackend be = SimdBackend.create(bits);
            Tensor mask = Tensor.zeros(2, 37);
            mask.set(-1e9f, 1, 36);
            Tensor scores = RandomTensors.normal(1, 3f, 2, 3, 37);
            be.softmax(scores, mask);
            Tensor dScores = Tensor.zeros(2, 3, 37);
            be.softmaxBackward(scores, RandomTensors.normal(2, 1f, 2, 3, 37), dScores);
            write(out, scores, dScores);

            Tensor x = RandomTensors.normal(3, 2f, 5, 41), y = Tensor.zeros(5, 41), mean = Tensor.zeros(5), rstd = Tensor.zeros(5);
            Tensor gamma = RandomTensors.normal(4, 1f, 41), beta = RandomTensors.normal(5, 1f, 41);
            be.layerNorm(x, gamma, beta, 1e-12f, y, mean, rstd);
            Tensor dx = Tensor.zeros(5, 41), dgamma = Tensor.zeros(41), dbeta = Tensor.zeros(41);
            be.layerNormBackward(RandomTensors.normal(6, 1f, 5, 41), x, gamma, mean, rstd, dx, dgamma, dbeta);
            write(out, y, mean, rstd, dx, dgamma, dbeta);

            for (Activation act : Activation.values()) {
                Tensor a = Tensor.zeros(5, 41), da = Tensor.zeros(5, 41);
                be.activation(act, x, a);
                be.activationBackward(act, x, a, y, da);
                write(out, a, da);
            }
            Tensor dLogits = Tensor.zeros(5, 41);
            out.writeFloat(be.crossEntropy(x, new int[] {0, 40, 7, 7, 13}, dLogits));
            Tensor sums = Tensor.zeros(41), dropped = Tensor.zeros(5, 41);
            be.columnSums(x, sums);
            be.dropout(x, dropped, 0.2f, 9);
            write(out, dLogits, sums, dropped);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Tensor... ts) throws IOException {
        for (Tensor t : ts) for (float v : t.toArray()) out.writeInt(Float.floatToRawIntBits(v));
    }

    /** Child-JVM entry point: writes {@link #outputs()} to the file named by the first argument. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]), tmp = Path.of(args[0] + ".tmp");
        Files.write(tmp, outputs());
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void interpretedAndCompiledKernelsAgreeBitForBit() throws Exception {
        for (int i = 0; i < 3000; i++) outputs();   // enough calls for C2 to compile every kernel loop
        byte[] compiled = outputs();

        Path file = Files.createTempFile("hifi-jit-determinism", ".bin");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector", "-Dhifi.threads=1",
                    "-cp", System.getProperty("java.class.path"), JitDeterminismTest.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            String log = new String(child.getInputStream().readAllBytes());
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "interpreter child JVM timed out");
            assertEquals(0, child.exitValue(), "interpreter child JVM failed:\n" + log);
            assertArrayEquals(Files.readAllBytes(file), compiled, "interpreted vs compiled kernel outputs differ");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
