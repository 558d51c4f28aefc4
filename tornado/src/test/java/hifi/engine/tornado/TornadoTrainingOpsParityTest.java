package hifi.engine.tornado;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.backend.ResidentSet;
import hifi.engine.kernels.AdamWKernel;
import hifi.engine.tensor.Tensor;
import hifi.engine.testing.RandomTensors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The device ops a training step needs besides the layers, against {@link ReferenceBackend}: AdamW on a strided
 * parameter slice, the squared norm of one tensor and of a list (sizes on both sides of the 8,192-element block), the
 * embedding lookup and its scatter-add with repeated ids; and a resident set across ops: values written on the device
 * reach the host at {@code synchronize()}, not before.
 *
 * <p>Tolerances: the lookup is a copy and the scatter-add adds in token order as the reference does, so both are
 * compared bit for bit; AdamW is the same float arithmetic (the OpenCL compiler may contract products and sums, and
 * its square root is correctly rounded only in full profile), held to 1e-6 relative; the squared norm is summed in
 * double by both, in the same blocks, and held to 1e-12 relative.
 */
class TornadoTrainingOpsParityTest {
    private static final ReferenceBackend REF = new ReferenceBackend();
    private static TornadoBackend device;

    @BeforeAll
    static void openDevice() {
        device = ParityDevice.open();
    }

    @AfterAll
    static void closeDevice() {
        ParityLog.print("TornadoTrainingOpsParityTest on " + device.name());
        device.close();
    }

    @Test
    void adamWOnAStridedSliceMatchesReference() {
        AdamWKernel.Step step = new AdamWKernel.Step(0.9f, 0.999f, 1e-8f, 0.99f, 1e-2f, 0.0447f, 0.5f);
        for (int[] shape : new int[][] {{1, 1}, {3, 5}, {7, 129}}) {
            Tensor wantParam = RandomTensors.normal(1, 1f, shape[0], shape[1] + 4), gotParam = wantParam.copy();
            Tensor grad = RandomTensors.normal(2, 1f, shape), m0 = RandomTensors.normal(3, 0.1f, shape);
            float[] v = RandomTensors.normal(4, 0.1f, shape).data();
            for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i]);
            Tensor v0 = Tensor.of(v, shape);
            Tensor wantM = m0.copy(), wantV = v0.copy(), gotM = m0.copy(), gotV = v0.copy();
            for (int t = 0; t < 3; t++) {
                REF.adamW(wantParam.narrow(1, 2, shape[1]), grad, wantM, wantV, step);
                device.adamW(gotParam.narrow(1, 2, shape[1]), grad, gotM, gotV, step);
            }
            String what = shape[0] + "x" + shape[1] + " slice of " + (shape[1] + 4) + " columns";
            ParityLog.check("adamW param", wantParam.data(), gotParam.data(), 1e-6, 1e-7, what);
            ParityLog.check("adamW m", wantM.data(), gotM.data(), 1e-6, 1e-8, what);
            ParityLog.check("adamW v", wantV.data(), gotV.data(), 1e-6, 1e-10, what);
        }
    }

    @Test
    void squaredNormsMatchReference() {
        List<Tensor> xs = new ArrayList<>();
        for (int n : new int[] {1, 17, 8192, 8193, 20011}) xs.add(RandomTensors.normal(n, 1f, n));
        for (Tensor x : xs) {
            double want = REF.sumOfSquares(x), got = device.sumOfSquares(x);
            assertEquals(want, got, 1e-12 * want, "sumOfSquares of " + x.numel());
            ParityLog.record("sumOfSquares", Math.abs(got - want), "1e-12 relative");
        }
        double want = REF.sumOfSquares(xs), got = device.sumOfSquares(xs);
        assertEquals(want, got, 1e-12 * want, "sumOfSquares of the list");
        ParityLog.record("sumOfSquares list", Math.abs(got - want), "1e-12 relative");
    }

    @Test
    void embeddingLookupAndScatterAddMatchReference() {
        Tensor table = RandomTensors.normal(5, 1f, 11, 7);
        int[] ids = {3, 0, 10, 3, 3, 7, 0};
        Tensor want = Tensor.zeros(ids.length, 7), got = Tensor.zeros(ids.length, 7);
        REF.embedding(table, ids, want);
        device.embedding(table, ids, got);
        ParityLog.checkBitwise("embedding", want.data(), got.data(), "11x7, repeated ids");

        Tensor dOut = RandomTensors.normal(6, 1f, ids.length, 7);
        Tensor dWant = RandomTensors.normal(7, 1f, 11, 7), dGot = dWant.copy();
        REF.embeddingBackward(dOut, ids, dWant);
        device.embeddingBackward(dOut, ids, dGot);
        ParityLog.checkBitwise("embeddingBackward", dWant.data(), dGot.data(), "11x7, repeated ids");

        // many tokens over few ids (as position and token-type tables see them), into a strided slice of a table
        int[] many = new int[301];
        for (int i = 0; i < many.length; i++) many[i] = (i * 7 + i / 13) % 17;
        Tensor dMany = RandomTensors.normal(8, 1f, many.length, 5);
        Tensor big = RandomTensors.normal(9, 1f, 17, 9);
        Tensor sliceWant = big.copy().narrow(1, 2, 5), sliceGot = big.copy().narrow(1, 2, 5);
        REF.embeddingBackward(dMany, many, sliceWant);
        device.embeddingBackward(dMany, many, sliceGot);
        ParityLog.checkBitwise("embeddingBackward", sliceWant.toArray(), sliceGot.toArray(), "301 tokens over 17 ids, strided table");
    }

    @Test
    void aResidentSetBringsDeviceWritesBackAtSynchronize() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        try (ResidentSet set = device.keepResident(List.of(x))) {
            device.scale(x, 2f);
            assertEquals(1f, x.data()[0], "the host copy is stale until synchronize");
            set.synchronize();
            assertEquals(2f, x.data()[0]);
            device.scale(x, 2f);
        }
        assertEquals(16f, x.data()[3], "closing the set synchronises");
    }
}
