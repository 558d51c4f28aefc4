package hifi.engine.tornado;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.backend.ResidentSet;
import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.Elementwise;
import hifi.engine.kernels.GemmShape;
import hifi.engine.kernels.ReferenceElementwise;
import hifi.engine.kernels.ReferenceLosses;
import hifi.engine.kernels.SquaredNorm;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.RowLayout;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.HeapStorage;
import hifi.engine.tensor.Tensor;
import hifi.engine.tornado.DeviceArena.Kernel;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's ops on a TornadoVM device (OpenCL, PTX or SPIR-V: whatever the SDK was built with), with tensors
 * <b>resident on the device for a whole pass</b>. Inside {@link #openPass()} (one training step's forward and
 * backward, or one inference batch), {@link #allocate} returns tensors in the device arena ({@link DeviceArena},
 * {@link DeviceStorage}): one op's output is the next op's input without crossing the bus. What crosses is the edges:
 * each heap tensor an op touches (weights, parameter gradients) goes up once per pass and, if an op wrote it, comes
 * back when the pass closes; the embedding lookups go up, and what host code reads (logits for the loss, the
 * embedding gradient, listener contexts) comes down when it reads it. Outside a pass every op is its own small pass:
 * heap operands up, result down.
 *
 * <p>Across passes, {@link #keepResident} keeps a training run's weights, gradients and optimiser moments in the arena
 * ({@link PinnedArrays}): they go up once per run, not once per pass. Launches are queued and run in chains, several
 * per TornadoVM execution ({@value #CHAIN_PROPERTY}, {@link ChainKernel}).
 *
 * <p>On the device: GEMM (all transpose/accumulate/bias variants, batched, strided views), masked softmax and its
 * backward, LayerNorm and its backward, the four activations and their derivatives, dropout (the same
 * {@code CounterRng} mask as the CPU backends), column sums, add, axpy, scale, copy and fill, the embedding lookup and
 * its scatter-add, the AdamW update and the gradient norm's block sums. On the host, through the scalar references of
 * {@code hifi.engine.kernels}: the losses (a few floats per example); copies and fills of heap tensors outside a pass
 * that are not resident; host reads ({@link #toHost(Tensor)}).
 * The {@link Backend} front has checked every op's arguments before a hook here runs.
 *
 * <p>Kernels accumulate in float where the reference accumulates in double; the parity suite bounds the difference.
 * Ops are serialised ({@code synchronized}); a pass belongs to the thread that opened it, and ops from other threads
 * (HiFi's statistics workers) run as their own small passes and may read that pass's device tensors.
 */
public final class TornadoBackend extends Backend implements AutoCloseable {
    /** System property: device arena size in MB (default {@value #DEFAULT_ARENA_MB}). */
    public static final String ARENA_PROPERTY = "hifi.tornado.arena.mb";
    private static final int DEFAULT_ARENA_MB = 256;
    /** System property: kernel launches run per TornadoVM execution (default {@value #DEFAULT_CHAIN}; 0 or 1: one each). */
    public static final String CHAIN_PROPERTY = "hifi.tornado.chain";
    private static final int DEFAULT_CHAIN = 16;

    private final String name;
    private final TransferCounter transfers = new TransferCounter();
    private final DeviceArena arena;
    private Thread passOwner;
    private Residency pass;
    private PinnedArrays pinned;

    TornadoBackend(TornadoDevice device, int arenaMegabytes) {
        super(new WorkerPool(WorkerPool.defaultThreads()));
        this.name = "tornadovm " + TornadoDevices.describe(device);
        long floats = (long) arenaMegabytes << 18;
        if (arenaMegabytes <= 0 || floats > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("-D" + ARENA_PROPERTY + "=" + arenaMegabytes + ": must be 1 to 8191 (MB)");
        }
        int chain = Integer.getInteger(CHAIN_PROPERTY, DEFAULT_CHAIN);
        if (chain < 0 || chain > 256) throw new IllegalArgumentException("-D" + CHAIN_PROPERTY + "=" + chain + ": must be 0 to 256 (launches per execution)");
        this.arena = new DeviceArena(device, (int) floats, chain, transfers);
    }

    /**
     * The backend on the device {@code spec} names ({@code gpu} or a TornadoVM id such as {@code 0:0}), with a device
     * arena of {@code -Dhifi.tornado.arena.mb} megabytes.
     */
    public static TornadoBackend open(String spec) {
        // A chain graph holds two tasks and two inputs per slot; TornadoVM 5.2 compiles a graph into a bytecode buffer of
        // tornado.tvm.maxbytecodesize bytes (default 4,096, enough for 16 slots), read once when its compiler loads.
        if (System.getProperty("tornado.tvm.maxbytecodesize") == null) System.setProperty("tornado.tvm.maxbytecodesize", "262144");
        return new TornadoBackend(TornadoDevices.find(spec), Integer.getInteger(ARENA_PROPERTY, DEFAULT_ARENA_MB));
    }

    @Override
    public String name() {
        return name;
    }

    /** Kernel launches one TornadoVM execution runs at most ({@code -Dhifi.tornado.chain}; 1 when chains are off). */
    public int chainLength() {
        return arena.chainLength();
    }

    /** The host↔device copies made by this backend so far. */
    public TransferCounter transfers() {
        return transfers;
    }

    // ---------------------------------------------------------------- passes and residency

    /**
     * A pass, or a frame nested in the calling thread's pass. A nested frame's tensors are freed when it closes, except
     * those it keeps, which move into the enclosing frame; the outermost frame's kept tensors move to the host. A
     * thread that opens a scope while another thread's pass is open gets no pass ({@link PassScope#NONE}): its ops
     * run as passes of their own.
     */
    @Override
    public synchronized PassScope openPass() {
        Thread me = Thread.currentThread();
        if (passOwner != null && passOwner != me) return PassScope.NONE;
        Residency.Frame frame;
        if (pass == null) {
            passOwner = me;
            pass = new Residency(arena, pinned);
            frame = pass.currentFrame();
        } else {
            frame = pass.openFrame();
        }
        Residency residency = pass;
        return new PassScope() {
            private final List<DeviceStorage> kept = new ArrayList<>();
            private boolean closed;

            @Override
            public void keep(Tensor tensor) {
                if (tensor.storage() instanceof DeviceStorage s) {
                    synchronized (TornadoBackend.this) {
                        if (!closed) kept.add(s);
                    }
                }
            }

            @Override
            public void close() {
                synchronized (TornadoBackend.this) {
                    if (closed) return;
                    residency.closeFrame(frame, kept);
                    closed = true;
                    if (residency.isClosed()) {
                        pass = null;
                        passOwner = null;
                    }
                }
            }
        };
    }

    /**
     * Keeps the heap arrays of {@code tensors} in the device arena from pass to pass ({@link PinnedArrays}); one set
     * at a time, opened outside any pass.
     */
    @Override
    public synchronized ResidentSet keepResident(List<Tensor> tensors) {
        if (pinned != null) throw new IllegalStateException("TornadoBackend: a resident set is open already");
        if (pass != null) throw new IllegalStateException("TornadoBackend: keepResident inside a pass");
        pinned = new PinnedArrays(this, arena, tensors);
        return pinned;
    }

    /** The resident set closed. */
    synchronized void released(PinnedArrays set) {
        if (pinned == set) pinned = null;
    }

    @Override
    public synchronized Tensor allocate(int... shape) {
        Tensor t = allocateOutput(shape);
        if (t.storage() instanceof DeviceStorage) fill(t, 0f);
        return t;
    }

    @Override
    public synchronized Tensor allocateOutput(int... shape) {
        if (Thread.currentThread() != passOwner) return Tensor.zeros(shape);
        return Tensor.contiguous(pass.allocate(this, Tensor.numel(shape)), shape);
    }

    /** {@link DeviceStorage#hostArray()}: the host copy, current (a detached storage's device mirror synced first). */
    synchronized float[] toHost(DeviceStorage s) {
        float[] host = s.onHost(arena);
        if (s.isDetached() && pass != null) pass.hostUses(host, true);
        return host;
    }

    /** The heap array behind {@code t} when its values live on the host (heap or detached storage), else {@code null}. */
    private static float[] heapArray(Tensor t) {
        if (t.storage() instanceof HeapStorage h) return h.array();
        if (t.storage() instanceof DeviceStorage d && d.isDetached()) return d.hostArray();
        return null;
    }

    /** Runs {@code op} in the calling thread's pass, or in a pass of its own (heap results copied back at its end). */
    private void resident(Consumer<Residency> op) {
        if (Thread.currentThread() == passOwner) {
            op.accept(pass);
            return;
        }
        try (Residency single = new Residency(arena, pinned)) {
            op.accept(single);
        }
    }

    /** Before a host op reads {@code t}. */
    private void hostReads(Tensor t) {
        float[] h = heapArray(t);
        if (h != null && pass != null) pass.hostUses(h, false);
        if (h != null && pinned != null) pinned.hostUses(h, false);
    }

    /** Before a host op overwrites every element of {@code t}: no download needed when it covers its whole storage. */
    private void hostOverwrites(Tensor t) {
        if (t.storage() instanceof DeviceStorage d && !d.isDetached() && t.isContiguous() && t.numel() == d.size()) d.overwrittenOnHost();
        else hostUses(t);
    }

    // ---------------------------------------------------------------- GEMM

    @Override
    protected synchronized void gemmUnchecked(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha,
                                              boolean accumulate, Tensor bias, GemmShape s) {
        int batch = s.batch(), m = s.m(), n = s.n(), k = s.k();
        if ((long) batch * m * n == 0) return;
        resident(r -> {
            Descriptor d = new Descriptor().add(batch * m * n, batch, m, n, k, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0,
                    bias == null ? 0 : 1, bias == null ? 0 : r.read(bias) + bias.offset());
            d.matrices(a, r.read(a)).matrices(b, r.read(b)).matrices(c, r.write(c));
            arena.launch(Kernel.GEMM, GemmKernel.groups(batch, m, n) * GemmKernel.THREADS, d, alpha);
        });
    }

    // ---------------------------------------------------------------- softmax

    @Override
    protected synchronized void softmaxUnchecked(Tensor x, Tensor additiveMask, int perBatch) {
        RowLayout rx = new RowLayout("softmax", x);
        int rows = rx.count(), n = rx.length();
        if ((long) rows * n == 0) return;
        resident(r -> {
            Descriptor d = new Descriptor().add(rows, n, perBatch, additiveMask == null ? 0 : 1).view(x, r.write(x));
            if (additiveMask == null) d.skip(ArenaAddress.VIEW);
            else d.view(additiveMask, r.read(additiveMask));
            arena.launch(Kernel.SOFTMAX, rows, d);
        });
    }

    @Override
    protected synchronized void softmaxBackwardUnchecked(Tensor y, Tensor dy, Tensor dx) {
        RowLayout ry = new RowLayout("softmaxBackward", y);
        int rows = ry.count(), n = ry.length();
        if ((long) rows * n == 0) return;
        resident(r -> arena.launch(Kernel.SOFTMAX_BACKWARD, rows,
                new Descriptor().add(rows, n).view(y, r.read(y)).view(dy, r.read(dy)).view(dx, r.write(dx))));
    }

    // ---------------------------------------------------------------- LayerNorm

    @Override
    protected synchronized void layerNormUnchecked(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        RowLayout rx = new RowLayout("layerNorm", x);
        int rows = rx.count(), c = rx.length();
        if ((long) rows * c == 0) return;
        resident(r -> {
            Descriptor d = new Descriptor().add(rows, rows, c, at(r, gamma, false), at(r, beta, false), at(r, mean, true), at(r, rstd, true), 0, 0, 0)
                    .view(x, r.read(x)).view(y, r.write(y));
            arena.launch(Kernel.LAYER_NORM, rows, d, eps);
        });
    }

    @Override
    protected synchronized void layerNormBackwardUnchecked(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx,
                                                           Tensor dgamma, Tensor dbeta) {
        RowLayout rx = new RowLayout("layerNormBackward", x);
        int rows = rx.count(), c = rx.length();
        if ((long) rows * c == 0) return;
        resident(r -> {
            int g = at(r, gamma, false), mu = at(r, mean, false), rs = at(r, rstd, false);
            if (dx != null) {
                arena.launch(Kernel.LAYER_NORM_INPUT_GRADIENT, rows, new Descriptor().add(rows, rows, c, g, 0, mu, rs, 0, 0, 0)
                        .view(dy, r.read(dy)).view(x, r.read(x)).view(dx, r.write(dx)));
            }
            if (dgamma != null || dbeta != null) {
                int dyAt = r.read(dy), xAt = r.read(x), dgAt = dgamma == null ? 0 : r.write(dgamma), dbAt = dbeta == null ? 0 : r.write(dbeta);
                int hasDg = dgamma == null ? 0 : 1, hasDb = dbeta == null ? 0 : 1;
                if (rows <= COLUMN_CHUNK) {
                    arena.launch(Kernel.LAYER_NORM_PARAMETER_GRADIENTS, c, new Descriptor().add(c, rows, c, g, dgAt + offset(dgamma), mu, rs,
                            dbAt + offset(dbeta), hasDg, hasDb).view(dy, dyAt).view(x, xAt).add(rows, 1));
                    return;
                }
                // tall: partial sums per chunk of rows (one work-item per chunk and column), then their column sums
                int chunks = (rows + COLUMN_CHUNK - 1) / COLUMN_CHUNK, mark = arena.mark(), pdg = arena.allocate(2L * chunks * c), pdb = pdg + chunks * c;
                arena.launch(Kernel.LAYER_NORM_PARAMETER_GRADIENTS, chunks * c, new Descriptor().add(chunks * c, rows, c, g, pdg, mu, rs, pdb,
                        hasDg, hasDb).view(dy, dyAt).view(x, xAt).add(COLUMN_CHUNK, 0));
                if (dgamma != null) sumColumns(pdg, chunks, c, dgamma, dgAt);
                if (dbeta != null) sumColumns(pdb, chunks, c, dbeta, dbAt);
                arena.release(mark);   // the device runs launches in order: a later one may reuse the partials' space
            }
        });
    }

    /** Arena index of the first element of the vector {@code v} (stride 1). */
    private static int at(Residency r, Tensor v, boolean written) {
        return (written ? r.write(v) : r.read(v)) + v.offset();
    }

    // ---------------------------------------------------------------- activations

    @Override
    protected synchronized void activationUnchecked(Activation act, Tensor x, Tensor y) {
        int n = x.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.ACTIVATION, n, new Descriptor().add(n, act.ordinal()).flat(x, r.read(x)).flat(y, r.write(y))));
    }

    @Override
    protected synchronized void activationBackwardUnchecked(Activation act, Tensor in, Tensor dy, Tensor dx) {
        int n = in.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.ACTIVATION_BACKWARD, n,
                new Descriptor().add(n, act.ordinal()).flat(in, r.read(in)).flat(dy, r.read(dy)).flat(dx, r.write(dx))));
    }

    // ---------------------------------------------------------------- dropout

    @Override
    protected synchronized void dropoutUnchecked(Tensor x, Tensor y, float p, long seed) {
        int n = x.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.DROPOUT, n, new Descriptor().add(n, (int) (seed >> 32), (int) seed)
                .flat(x, r.read(x)).flat(y, r.write(y)), p, 1f / (1f - p)));
    }

    // ---------------------------------------------------------------- on the host

    @Override
    protected synchronized void embeddingUnchecked(Tensor table, int[] ids, Tensor out) {
        int n = ids.length, cols = table.dim(1);
        if ((long) n * cols == 0) return;
        resident(r -> {
            int at = idsOnDevice(ids);
            arena.launch(Kernel.GATHER, n * cols, new Descriptor().add(n * cols, n, at).view(table, r.read(table)).flat(out, r.write(out)));
        });
    }

    @Override
    protected synchronized void embeddingBackwardUnchecked(Tensor dOut, int[] ids, Tensor dTable) {
        int n = ids.length, cols = dTable.dim(1);
        if ((long) n * cols == 0) return;
        float[] grouped = TokenGroups.byId(ids);
        int groups = (grouped.length - n - 1) / 2;
        resident(r -> {
            int at = onDevice(grouped);
            arena.launch(Kernel.SCATTER_ADD, groups * cols, new Descriptor().add(groups * cols, groups, at).view(dOut, r.read(dOut))
                    .view(dTable, r.write(dTable)));
        });
    }

    /** Uploads token ids as floats into the arena (freed with the op's or the pass's frame); returns where. */
    private int idsOnDevice(int[] ids) {
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) f[i] = ids[i];
        return onDevice(f);
    }

    /** Uploads {@code values} into the arena (freed with the op's or the pass's frame); returns where. */
    private int onDevice(float[] values) {
        int at = arena.allocate(values.length);
        arena.upload(values, 0, values.length, at);
        return at;
    }

    @Override
    protected synchronized float crossEntropyUnchecked(Tensor logits, int[] labels, Tensor dLogits) {
        hostReads(logits);
        if (dLogits != null) hostOverwrites(dLogits);
        return ReferenceLosses.crossEntropy(logits, labels, dLogits);
    }

    @Override
    protected synchronized float mseUnchecked(Tensor pred, float[] targets, Tensor dPred) {
        hostReads(pred);
        if (dPred != null) hostOverwrites(dPred);
        return ReferenceLosses.mse(pred, targets, dPred);
    }

    @Override
    protected synchronized double sumOfSquaresUnchecked(Tensor x) {
        return sumOfSquaresUnchecked(List.of(x));
    }

    /**
     * The squared norms on the device, in blocks of {@link SquaredNorm#BLOCK} summed in double; the block sums of all
     * tensors come down in one copy and are added on the host in the order of the CPU backends.
     */
    @Override
    protected synchronized double sumOfSquaresUnchecked(List<Tensor> xs) {
        int[] blocks = new int[xs.size()];
        int total = 0;
        for (int i = 0; i < xs.size(); i++) total += blocks[i] = (xs.get(i).numel() + SquaredNorm.BLOCK - 1) / SquaredNorm.BLOCK;
        if (total == 0) return 0;
        float[] partial = new float[2 * total];
        int count = total;
        resident(r -> {
            int at = arena.allocate(2L * count), next = at;
            for (int i = 0; i < xs.size(); i++) {
                Tensor x = xs.get(i);
                if (blocks[i] == 0) continue;
                arena.launch(Kernel.SUM_OF_SQUARES, blocks[i], new Descriptor().add(blocks[i], x.numel(), SquaredNorm.BLOCK, r.read(x) + x.offset(), next));
                next += 2 * blocks[i];
            }
            arena.download(at, 2 * count, partial, 0);
        });
        double sum = 0;
        for (int i = 0, k = 0; i < xs.size(); i++) {
            double s = 0;
            for (int b = 0; b < blocks[i]; b++, k += 2) s += (double) partial[k] + partial[k + 1];
            sum += s;
        }
        return sum;
    }

    /** The optimiser's update on the device: weights, gradients and moments stay there (see {@link #keepResident}). */
    @Override
    protected synchronized void adamWUnchecked(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWKernel.Step step) {
        int n = param.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.ADAM_W, n, new Descriptor().add(n, r.read(grad) + grad.offset(), r.write(m) + m.offset(),
                        r.write(v) + v.offset()).flat(param, r.write(param)), step.beta1(), step.beta2(), step.eps(), step.decayFactor(),
                step.stepSize(), step.biasCorrection2Sqrt(), step.gradScale()));
    }

    /** A host read: a device tensor's values come down first ({@link DeviceStorage#hostArray()}). */
    @Override
    protected synchronized void toHostUnchecked(Tensor src, float[] dst, int offset) {
        hostReads(src);
        Elementwise.toHost(src, dst, offset);
    }

    /**
     * Copies and fills of heap tensors outside a pass (zeroing gradients before a step) stay on the host: no arithmetic
     * to gain, and a round trip to lose.
     */
    private boolean heapOutsidePass(Tensor... ts) {
        if (Thread.currentThread() == passOwner) return false;
        for (Tensor t : ts) {
            float[] h = heapArray(t);
            if (h == null || pinned != null && pinned.contains(h)) return false;
        }
        return true;
    }

    /** Before a host op reads and writes {@code t} (an accumulator, or a tensor it overwrites only in part). */
    private void hostUses(Tensor t) {
        float[] h = heapArray(t);
        if (h != null && pass != null) pass.hostUses(h, true);
        if (h != null && pinned != null) pinned.hostUses(h, true);
    }

    // ---------------------------------------------------------------- reductions and elementwise

    /**
     * Rows summed by one work-item in a column reduction (bias and LayerNorm parameter gradients). A taller matrix is
     * reduced in two launches, so that BERT's {@code [B·T, hidden]} gradients occupy a GPU ({@code B·T / 64 × hidden}
     * work-items) instead of {@code hidden} work-items each walking every row.
     */
    static final int COLUMN_CHUNK = 64;

    @Override
    protected synchronized void columnSumsUnchecked(Tensor x, Tensor out) {
        RowLayout rx = new RowLayout("columnSums", x);
        int rows = rx.count(), c = rx.length();
        if ((long) rows * c == 0) return;
        resident(r -> {
            int xAt = r.read(x), outAt = r.write(out);
            if (rows <= COLUMN_CHUNK) {
                arena.launch(Kernel.COLUMN_SUMS, c, new Descriptor().add(c).view(x, xAt).view(out, outAt).add(rows, rows, 1));
                return;
            }
            // tall: partial sums per chunk of rows (one work-item per chunk and column) into a [chunks, c] matrix, then its column sums
            int chunks = (rows + COLUMN_CHUNK - 1) / COLUMN_CHUNK, mark = arena.mark(), partial = arena.allocate((long) chunks * c);
            arena.launch(Kernel.COLUMN_SUMS, chunks * c, new Descriptor().add(chunks * c).view(x, xAt).add(matrix(partial, chunks, c)).add(rows, COLUMN_CHUNK, 0));
            sumColumns(partial, chunks, c, out, outAt);
            arena.release(mark);   // the device runs launches in order: a later one may reuse the partials' space
        });
    }

    /** {@code out[j] += Σ_r p[r, j]} for the contiguous {@code rows × c} matrix at arena index {@code p}; {@code out}'s storage starts at {@code outAt}. */
    private void sumColumns(int p, int rows, int c, Tensor out, int outAt) {
        arena.launch(Kernel.COLUMN_SUMS, c, new Descriptor().add(c).add(matrix(p, rows, c)).view(out, outAt).add(rows, rows, 1));
    }

    /** The view of a contiguous {@code rows × c} matrix at arena index {@code base}. */
    private static int[] matrix(int base, int rows, int c) {
        return new int[] {base, 1, 1, rows, 0, 0, c, c};
    }

    private static int offset(Tensor t) {
        return t == null ? 0 : t.offset();
    }

    @Override
    protected synchronized void addUnchecked(Tensor a, Tensor b, Tensor out) {
        int n = a.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.ADD, n, new Descriptor().add(n).flat(a, r.read(a)).flat(b, r.read(b)).flat(out, r.write(out))));
    }

    @Override
    protected synchronized void axpyUnchecked(float alpha, Tensor x, Tensor y) {
        int n = x.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.AXPY, n, new Descriptor().add(n).flat(x, r.read(x)).flat(y, r.write(y)), alpha));
    }

    @Override
    protected synchronized void scaleUnchecked(Tensor x, float s) {
        int n = x.numel();
        if (n == 0) return;
        resident(r -> arena.launch(Kernel.SCALE, n, new Descriptor().add(n).flat(x, r.write(x)), s));
    }

    @Override
    protected synchronized void copyUnchecked(Tensor src, Tensor dst) {
        int n = src.numel();
        if (n == 0) return;
        if (heapOutsidePass(src, dst)) {
            hostReads(src);
            hostUses(dst);
            ReferenceElementwise.copy(src, dst);
            return;
        }
        resident(r -> arena.launch(Kernel.COPY, n, new Descriptor().add(n).flat(src, r.read(src)).flat(dst, r.write(dst))));
    }

    @Override
    protected synchronized void fillUnchecked(Tensor x, float v) {
        int n = x.numel();
        if (n == 0) return;
        if (heapOutsidePass(x)) {
            hostUses(x);
            ReferenceElementwise.fill(x, v);
            return;
        }
        resident(r -> arena.launch(Kernel.FILL, n, new Descriptor().add(n).flat(x, r.write(x)), v));
    }

    /** Releases the device arena and the compiled graphs. */
    @Override
    public synchronized void close() {
        arena.close();
    }
}
