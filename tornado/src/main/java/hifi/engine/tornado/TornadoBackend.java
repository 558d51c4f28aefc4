package hifi.engine.tornado;

import hifi.engine.backend.Activation;
import hifi.engine.backend.Backend;
import hifi.engine.backend.ReferenceBackend;
import hifi.engine.backend.RowLayout;
import hifi.engine.kernels.GemmShape;
import hifi.engine.tensor.Tensor;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static hifi.engine.backend.ShapeChecks.checkMask;
import static hifi.engine.backend.ShapeChecks.checkP;
import static hifi.engine.backend.ShapeChecks.checkVector;
import static hifi.engine.backend.ShapeChecks.sameShape;
import static hifi.engine.tornado.TensorStaging.gather;
import static hifi.engine.tornado.TensorStaging.gatherMatrices;
import static hifi.engine.tornado.TensorStaging.scatter;
import static hifi.engine.tornado.TensorStaging.scatterMatrices;

/**
 * The engine's ops on a TornadoVM device (OpenCL, PTX or SPIR-V: whatever the SDK was built with). Tensors stay heap
 * tensors, so model code, optimiser and checkpoints are unchanged; each op packs its operands (strided views included)
 * into off-heap buffers, runs its kernel on the device and unpacks the result: <b>per-op transfers, no residency
 * across ops</b> yet ({@link DeviceOp} is the seam where buffers would stay on the device).
 *
 * <p>On the device: GEMM (all transpose/accumulate/bias variants, batched), masked softmax and its backward, LayerNorm
 * and its backward (input and parameter gradients), the four activations and their derivatives, dropout (the same
 * {@code CounterRng} mask as the CPU backends), column sums, add, axpy, scale. On the host, through the
 * {@link ReferenceBackend}: embedding lookups and their scatter-add (integer-indexed, at the edge of the model), the
 * losses (a few floats per example), copy and fill (no arithmetic).
 *
 * <p>Kernels accumulate in float where the reference accumulates in double; the parity suite bounds the difference.
 * Every device op is compiled once per shape (TornadoVM specialises kernels on their scalar arguments) and cached.
 * Device ops are serialised ({@code synchronized}): a cached op's buffers are shared by every call of that shape, and
 * HiFi's statistics pass calls {@code gemm} from worker threads.
 */
public final class TornadoBackend implements Backend, AutoCloseable {
    private static final ReferenceBackend HOST = new ReferenceBackend();

    private final TornadoDevice device;
    private final String name;
    private final Map<String, DeviceOp> ops = new HashMap<>();
    private final TransferCounter transfers = new TransferCounter();

    TornadoBackend(TornadoDevice device) {
        this.device = device;
        this.name = "tornadovm " + TornadoDevices.describe(device);
    }

    /** The backend on the device {@code spec} names ({@code gpu} or a TornadoVM id such as {@code 0:0}). */
    public static TornadoBackend open(String spec) {
        return new TornadoBackend(TornadoDevices.find(spec));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The host↔device copies made by this backend's ops so far. */
    public TransferCounter transfers() {
        return transfers;
    }

    /** Number of compiled (op, shape) graphs so far. */
    public int compiledOps() {
        return ops.size();
    }

    private DeviceOp op(String key, Supplier<DeviceOp> compile) {
        DeviceOp op = ops.get(key);
        if (op == null) {
            op = compile.get();
            ops.put(key, op);
        }
        return op;
    }

    // ---------------------------------------------------------------- GEMM

    @Override
    public synchronized void gemm(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate, Tensor bias) {
        GemmShape s = GemmShape.of(a, transA, b, transB, c, bias);
        int batch = s.batch(), m = s.m(), n = s.n(), k = s.k();
        if ((long) batch * m * n == 0) return;
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int tA = transA ? 1 : 0, tB = transB ? 1 : 0, acc = accumulate ? 1 : 0, hasBias = bias == null ? 0 : 1;
        String key = "gemm " + batch + "x" + m + "x" + n + "x" + k + " " + tA + tB + acc + hasBias;
        // buffers: 0 A, 1 B, 2 bias, 3 C, 4 alpha
        DeviceOp op = op(key, () -> new DeviceOp.Builder("gemm", batch * m * k, batch * k * n, n, batch * m * n, 1)
                .uploads(accumulate ? new int[] {0, 1, 2, 3, 4} : new int[] {0, 1, 2, 4}).downloads(3)
                .build(device, (g, buf, rng) -> g.task("gemm", GemmKernel::gemm, buf[0], buf[1], buf[2], buf[3], buf[4],
                        batch, m, n, k, tA, tB, acc, hasBias)));
        gatherMatrices(a.data(), s.aOffsets(), aRows, aCols, s.lda(), op.buffer(0));
        gatherMatrices(b.data(), s.bOffsets(), bRows, bCols, s.ldb(), op.buffer(1));
        if (bias != null) gather("gemm bias", bias, op.buffer(2));
        if (accumulate) gatherMatrices(c.data(), s.cOffsets(), m, n, s.ldc(), op.buffer(3));
        op.buffer(4).set(0, alpha);
        op.run(transfers);
        scatterMatrices(op.buffer(3), c.data(), s.cOffsets(), m, n, s.ldc());
    }

    // ---------------------------------------------------------------- softmax

    @Override
    public synchronized void softmax(Tensor x, Tensor additiveMask) {
        RowLayout rx = new RowLayout("softmax", x);
        int perBatch = checkMask("softmax", x, additiveMask, rx);
        int rows = rx.count(), n = rx.length(), hasMask = additiveMask == null ? 0 : 1;
        if ((long) rows * n == 0) return;
        String key = "softmax " + rows + "x" + n + " " + perBatch + " " + hasMask;
        // buffers: 0 x (in place), 1 mask
        DeviceOp op = op(key, () -> new DeviceOp.Builder("softmax", rows * n, hasMask == 1 ? (rows / perBatch) * n : 1)
                .uploads(0, 1).downloads(0)
                .build(device, (g, buf, rng) -> g.task("softmax", SoftmaxKernels::softmax, buf[0], buf[1], rows, n, perBatch, hasMask)));
        gather("softmax", x, op.buffer(0));
        if (additiveMask != null) gather("softmax mask", additiveMask, op.buffer(1));
        op.run(transfers);
        scatter("softmax", op.buffer(0), x);
    }

    @Override
    public synchronized void softmaxBackward(Tensor y, Tensor dy, Tensor dx) {
        sameShape("softmaxBackward", y, dy, dx);
        RowLayout ry = new RowLayout("softmaxBackward", y);
        int rows = ry.count(), n = ry.length();
        if ((long) rows * n == 0) return;
        // buffers: 0 y, 1 dy, 2 dx
        DeviceOp op = op("softmaxBackward " + rows + "x" + n, () -> new DeviceOp.Builder("softmaxBackward", rows * n, rows * n, rows * n)
                .uploads(0, 1).downloads(2)
                .build(device, (g, buf, rng) -> g.task("softmaxBackward", SoftmaxKernels::backward, buf[0], buf[1], buf[2], rows, n)));
        gather("softmaxBackward", y, op.buffer(0));
        gather("softmaxBackward", dy, op.buffer(1));
        op.run(transfers);
        scatter("softmaxBackward", op.buffer(2), dx);
    }

    // ---------------------------------------------------------------- LayerNorm

    @Override
    public synchronized void layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        sameShape("layerNorm", x, y);
        RowLayout rx = new RowLayout("layerNorm", x);
        int rows = rx.count(), c = rx.length();
        checkVector("layerNorm", gamma, c, x);
        checkVector("layerNorm", beta, c, x);
        checkVector("layerNorm", mean, rows, x);
        checkVector("layerNorm", rstd, rows, x);
        if ((long) rows * c == 0) return;
        // buffers: 0 x, 1 gamma, 2 beta, 3 eps, 4 y, 5 mean, 6 rstd
        DeviceOp op = op("layerNorm " + rows + "x" + c, () -> new DeviceOp.Builder("layerNorm", rows * c, c, c, 1, rows * c, rows, rows)
                .uploads(0, 1, 2, 3).downloads(4, 5, 6)
                .build(device, (g, buf, rng) -> g.task("layerNorm", LayerNormKernels::forward, buf[0], buf[1], buf[2], buf[3],
                        buf[4], buf[5], buf[6], rows, c)));
        gather("layerNorm", x, op.buffer(0));
        gather("layerNorm gamma", gamma, op.buffer(1));
        gather("layerNorm beta", beta, op.buffer(2));
        op.buffer(3).set(0, eps);
        op.run(transfers);
        scatter("layerNorm", op.buffer(4), y);
        scatter("layerNorm mean", op.buffer(5), mean);
        scatter("layerNorm rstd", op.buffer(6), rstd);
    }

    @Override
    public synchronized void layerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma, Tensor dbeta) {
        sameShape("layerNormBackward", dy, x);
        if (dx != null) sameShape("layerNormBackward", dy, dx);
        RowLayout rx = new RowLayout("layerNormBackward", x);
        int rows = rx.count(), c = rx.length();
        checkVector("layerNormBackward", gamma, c, x);
        if (dgamma != null) checkVector("layerNormBackward", dgamma, c, x);
        if (dbeta != null) checkVector("layerNormBackward", dbeta, c, x);
        if ((long) rows * c == 0) return;
        // buffers: 0 dy, 1 x, 2 gamma, 3 mean, 4 rstd, 5 dx, 6 dgamma, 7 dbeta
        DeviceOp op = op("layerNormBackward " + rows + "x" + c, () -> new DeviceOp.Builder("layerNormBackward",
                rows * c, rows * c, c, rows, rows, rows * c, c, c)
                .uploads(0, 1, 2, 3, 4, 6, 7).downloads(5, 6, 7)
                .build(device, (g, buf, rng) -> g
                        .task("inputGradient", LayerNormKernels::inputGradient, buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], rows, c)
                        .task("parameterGradients", LayerNormKernels::parameterGradients, buf[0], buf[1], buf[3], buf[4],
                                buf[6], buf[7], rows, c)));
        gather("layerNormBackward", dy, op.buffer(0));
        gather("layerNormBackward", x, op.buffer(1));
        gather("layerNormBackward gamma", gamma, op.buffer(2));
        gather("layerNormBackward mean", mean, op.buffer(3));
        gather("layerNormBackward rstd", rstd, op.buffer(4));
        accumulatorIn("layerNormBackward dgamma", dgamma, op.buffer(6));
        accumulatorIn("layerNormBackward dbeta", dbeta, op.buffer(7));
        op.run(transfers);
        if (dx != null) scatter("layerNormBackward", op.buffer(5), dx);
        if (dgamma != null) scatter("layerNormBackward dgamma", op.buffer(6), dgamma);
        if (dbeta != null) scatter("layerNormBackward dbeta", op.buffer(7), dbeta);
    }

    /** A parameter-gradient accumulator's current value, or zeros when it is frozen ({@code null}). */
    private static void accumulatorIn(String op, Tensor grad, FloatArray buffer) {
        if (grad == null) buffer.init(0f);
        else gather(op, grad, buffer);
    }

    // ---------------------------------------------------------------- activations

    @Override
    public synchronized void activation(Activation act, Tensor x, Tensor y) {
        sameShape("activation " + act, x, y);
        int n = x.numel(), code = act.ordinal();
        if (n == 0) return;
        // buffers: 0 x, 1 y
        DeviceOp op = op("activation " + act + " " + n, () -> new DeviceOp.Builder("activation", n, n)
                .uploads(0).downloads(1)
                .build(device, (g, buf, rng) -> g.task("activation", ActivationKernels::forward, buf[0], buf[1], code, n)));
        gather("activation " + act, x, op.buffer(0));
        op.run(transfers);
        scatter("activation " + act, op.buffer(1), y);
    }

    @Override
    public synchronized void activationBackward(Activation act, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor in = act == Activation.TANH ? y : x;
        if (in == null) throw new IllegalArgumentException("activationBackward " + act + ": needs " + (act == Activation.TANH ? "y" : "x"));
        sameShape("activationBackward " + act, in, dy, dx);
        int n = in.numel(), code = act.ordinal();
        if (n == 0) return;
        // buffers: 0 in (x or y), 1 dy, 2 dx
        DeviceOp op = op("activationBackward " + act + " " + n, () -> new DeviceOp.Builder("activationBackward", n, n, n)
                .uploads(0, 1).downloads(2)
                .build(device, (g, buf, rng) -> g.task("activationBackward", ActivationKernels::backward, buf[0], buf[1], buf[2], code, n)));
        gather("activationBackward " + act, in, op.buffer(0));
        gather("activationBackward " + act, dy, op.buffer(1));
        op.run(transfers);
        scatter("activationBackward " + act, op.buffer(2), dx);
    }

    // ---------------------------------------------------------------- dropout

    @Override
    public synchronized void dropout(Tensor x, Tensor y, float p, long seed) {
        checkP(p);
        sameShape("dropout", x, y);
        int n = x.numel();
        if (n == 0) return;
        // buffers: 0 x, 1 y, 2 {p, 1/(1-p)}; plus the seed
        DeviceOp op = op("dropout " + n, () -> new DeviceOp.Builder("dropout", n, n, 2).withSeed()
                .uploads(0, 2).downloads(1)
                .build(device, (g, buf, rng) -> g.task("dropout", DropoutKernel::dropout, buf[0], buf[1], buf[2], rng, n)));
        gather("dropout", x, op.buffer(0));
        op.buffer(2).set(0, p);
        op.buffer(2).set(1, 1f / (1f - p));
        op.seed(seed);
        op.run(transfers);
        scatter("dropout", op.buffer(1), y);
    }

    @Override
    public void dropoutBackward(Tensor dy, Tensor dx, float p, long seed) {
        dropout(dy, dx, p, seed);
    }

    // ---------------------------------------------------------------- on the host

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        HOST.embedding(table, ids, out);
    }

    @Override
    public void embeddingBackward(Tensor dOut, int[] ids, Tensor dTable) {
        HOST.embeddingBackward(dOut, ids, dTable);
    }

    @Override
    public float crossEntropy(Tensor logits, int[] labels, Tensor dLogits) {
        return HOST.crossEntropy(logits, labels, dLogits);
    }

    @Override
    public float mse(Tensor pred, float[] targets, Tensor dPred) {
        return HOST.mse(pred, targets, dPred);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        HOST.copy(src, dst);
    }

    @Override
    public void fill(Tensor x, float v) {
        HOST.fill(x, v);
    }

    // ---------------------------------------------------------------- reductions and elementwise

    @Override
    public synchronized void columnSums(Tensor x, Tensor out) {
        RowLayout rx = new RowLayout("columnSums", x);
        int rows = rx.count(), c = rx.length();
        checkVector("columnSums", out, c, x);
        if ((long) rows * c == 0) return;
        // buffers: 0 x, 1 out (accumulated)
        DeviceOp op = op("columnSums " + rows + "x" + c, () -> new DeviceOp.Builder("columnSums", rows * c, c)
                .uploads(0, 1).downloads(1)
                .build(device, (g, buf, rng) -> g.task("columnSums", ElementwiseKernels::columnSums, buf[0], buf[1], rows, c)));
        gather("columnSums", x, op.buffer(0));
        gather("columnSums", out, op.buffer(1));
        op.run(transfers);
        scatter("columnSums", op.buffer(1), out);
    }

    @Override
    public synchronized void add(Tensor a, Tensor b, Tensor out) {
        sameShape("add", a, b, out);
        int n = a.numel();
        if (n == 0) return;
        // buffers: 0 a, 1 b, 2 out
        DeviceOp op = op("add " + n, () -> new DeviceOp.Builder("add", n, n, n).uploads(0, 1).downloads(2)
                .build(device, (g, buf, rng) -> g.task("add", ElementwiseKernels::add, buf[0], buf[1], buf[2], n)));
        gather("add", a, op.buffer(0));
        gather("add", b, op.buffer(1));
        op.run(transfers);
        scatter("add", op.buffer(2), out);
    }

    @Override
    public synchronized void axpy(float alpha, Tensor x, Tensor y) {
        sameShape("axpy", x, y);
        int n = x.numel();
        if (n == 0) return;
        // buffers: 0 alpha, 1 x, 2 y
        DeviceOp op = op("axpy " + n, () -> new DeviceOp.Builder("axpy", 1, n, n).uploads(0, 1, 2).downloads(2)
                .build(device, (g, buf, rng) -> g.task("axpy", ElementwiseKernels::axpy, buf[0], buf[1], buf[2], n)));
        op.buffer(0).set(0, alpha);
        gather("axpy", x, op.buffer(1));
        gather("axpy", y, op.buffer(2));
        op.run(transfers);
        scatter("axpy", op.buffer(2), y);
    }

    @Override
    public synchronized void scale(Tensor x, float s) {
        int n = x.numel();
        if (n == 0) return;
        // buffers: 0 x, 1 s
        DeviceOp op = op("scale " + n, () -> new DeviceOp.Builder("scale", n, 1).uploads(0, 1).downloads(0)
                .build(device, (g, buf, rng) -> g.task("scale", ElementwiseKernels::scale, buf[0], buf[1], n)));
        gather("scale", x, op.buffer(0));
        op.buffer(1).set(0, s);
        op.run(transfers);
        scatter("scale", op.buffer(0), x);
    }

    /** Releases every compiled graph and its device buffers. */
    @Override
    public synchronized void close() {
        ops.values().forEach(DeviceOp::close);
        ops.clear();
    }
}
