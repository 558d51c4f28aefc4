package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.common.TornadoFunctions.Task4;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One off-heap float array, the <b>arena</b>, that lives on the device for as long as the backend, and one
 * {@link TornadoExecutionPlan} holding one task graph per kernel, every graph consuming and persisting the arena. That
 * is how TornadoVM 5.2 shares a device buffer between graphs (only between graphs of one plan, each taking it from
 * the graph executed before: hence one graph per kernel <i>kind</i>, built up front, and the same array in all of
 * them). A launch uploads only its small {@link Descriptor} and scalars and sets its work size through the grid
 * scheduler, so one compiled kernel serves every shape.
 *
 * <p>Tensors are regions of the arena, bump-allocated ({@link #allocate}, released to a {@link #mark()}). Host data
 * enters through staging graphs (TornadoVM has no partial host→device copy: the staging array goes up whole and a
 * kernel copies it into place; sizes are powers of two, so a copy moves at most twice its payload) and leaves through
 * a partial device→host copy of exactly the region asked for. Every copy is counted in {@link TransferCounter}.
 */
final class DeviceArena implements AutoCloseable {
    static final int DESCRIPTOR_INTS = 64;
    private static final int SCALARS = 4;
    private static final int MAX_SCALARS = 8;
    private static final int MIN_STAGING_LOG2 = 6;
    static final int MAX_STAGING_LOG2 = 22;
    private static final AtomicInteger PLANS = new AtomicInteger();

    /**
     * The kernels, one graph each; every one takes {@code (context, arena, descriptor, scalars)}. A kernel that shares
     * local memory names its work-group size; the others leave it to the driver.
     */
    enum Kernel {
        GEMM(ChainKernel.GEMM, GemmKernel::gemm, GemmKernel.THREADS, SCALARS),
        SOFTMAX(ChainKernel.SOFTMAX, SoftmaxKernels::softmax),
        SOFTMAX_BACKWARD(ChainKernel.SOFTMAX_BACKWARD, SoftmaxKernels::backward),
        LAYER_NORM(ChainKernel.LAYER_NORM, LayerNormKernels::forward),
        LAYER_NORM_INPUT_GRADIENT(ChainKernel.LAYER_NORM_INPUT_GRADIENT, LayerNormKernels::inputGradient),
        LAYER_NORM_PARAMETER_GRADIENTS(ChainKernel.LAYER_NORM_PARAMETER_GRADIENTS, LayerNormKernels::parameterGradients),
        ACTIVATION(ChainKernel.ACTIVATION, ActivationKernels::forward),
        ACTIVATION_BACKWARD(ChainKernel.ACTIVATION_BACKWARD, ActivationKernels::backward),
        DROPOUT(ChainKernel.DROPOUT, DropoutKernel::dropout),
        COLUMN_SUMS(ChainKernel.COLUMN_SUMS, ElementwiseKernels::columnSums),
        ADD(ChainKernel.ADD, ElementwiseKernels::add),
        AXPY(ChainKernel.AXPY, ElementwiseKernels::axpy),
        SCALE(ChainKernel.SCALE, ElementwiseKernels::scale),
        COPY(ChainKernel.COPY, ElementwiseKernels::copy),
        FILL(ChainKernel.FILL, ElementwiseKernels::fill),
        ADAM_W(ChainKernel.ADAM_W, TrainingKernels::adamW, 0, TrainingKernels.ADAMW_SCALARS),
        SUM_OF_SQUARES(ChainKernel.SUM_OF_SQUARES, TrainingKernels::sumOfSquares),
        GATHER(ChainKernel.GATHER, TrainingKernels::gather),
        SCATTER_ADD(ChainKernel.SCATTER_ADD, TrainingKernels::scatterAdd);

        /** The kernel's name in a descriptor ({@code d[ChainKernel.OP]}), which the chain's tasks dispatch on. */
        private final int op;
        private final Task4<KernelContext, FloatArray, IntArray, FloatArray> code;
        private final int groupSize;
        private final int scalars;

        Kernel(int op, Task4<KernelContext, FloatArray, IntArray, FloatArray> code) {
            this(op, code, 0, SCALARS);
        }

        Kernel(int op, Task4<KernelContext, FloatArray, IntArray, FloatArray> code, int groupSize, int scalars) {
            this.op = op;
            this.code = code;
            this.groupSize = groupSize;
            this.scalars = scalars;
        }
    }

    /** One graph of the plan: its index, argument arrays and work grid ({@code other}: a chain slot's second task's grid). */
    private record Launcher(int graph, IntArray ints, FloatArray floats, WorkerGrid1D grid, int groupSize, WorkerGrid1D other) {
        Launcher(int graph, IntArray ints, FloatArray floats, WorkerGrid1D grid, int groupSize) {
            this(graph, ints, floats, grid, groupSize, null);
        }
    }

    private final FloatArray arena;
    private final TornadoExecutionPlan plan;
    private final GridScheduler grids = new GridScheduler();
    private final Launcher[] kernels = new Launcher[Kernel.values().length];
    private final Launcher[] staging = new Launcher[MAX_STAGING_LOG2 + 1];
    private final TransferCounter transfers;
    private final Launcher[] chain;
    private int queued;
    private TornadoExecutionResult last;
    private int top;
    private int ceiling;

    DeviceArena(TornadoDevice device, int capacity, int chainTasks, TransferCounter transfers) {
        this.transfers = transfers;
        this.arena = new FloatArray(capacity);
        this.ceiling = capacity;
        String prefix = "arena" + PLANS.incrementAndGet() + "_";
        KernelContext context = new KernelContext();
        List<ImmutableTaskGraph> graphs = new ArrayList<>();
        graphs.add(new TaskGraph(prefix + "init").transferToDevice(DataTransferMode.FIRST_EXECUTION, arena)
                .task("t", DeviceArena::touch, arena).persistOnDevice(arena).snapshot());
        for (Kernel k : Kernel.values()) {
            kernels[k.ordinal()] = launcher(graphs, prefix + k.name().toLowerCase(java.util.Locale.ROOT), k.code, context, k.scalars, k.groupSize);
        }
        for (int log2 = MIN_STAGING_LOG2; log2 <= MAX_STAGING_LOG2; log2++) {
            staging[log2] = launcher(graphs, prefix + "stage" + log2, ElementwiseKernels::unstage, context, 1 << log2, 0);
        }
        chain = chainTasks > 1 ? chain(graphs, prefix + "chain", context, chainTasks) : null;
        plan = new TornadoExecutionPlan(graphs.toArray(ImmutableTaskGraph[]::new));
        plan.withDevice(device);
        last = plan.withGraph(0).execute();
        transfers.record(1, arena.getNumBytesOfSegment(), 0, 0);
    }

    private Launcher launcher(List<ImmutableTaskGraph> graphs, String name, Task4<KernelContext, FloatArray, IntArray, FloatArray> code,
                              KernelContext context, int floats, int groupSize) {
        IntArray ints = new IntArray(DESCRIPTOR_INTS);
        FloatArray scalars = new FloatArray(floats);
        ints.init(0);
        scalars.init(0f);
        graphs.add(new TaskGraph(name).consumeFromDevice(arena).transferToDevice(DataTransferMode.EVERY_EXECUTION, ints, scalars)
                .task("t", code, context, arena, ints, scalars).persistOnDevice(arena).snapshot());
        WorkerGrid1D grid = new WorkerGrid1D(1);
        grids.addWorkerGrid(name + ".t", grid);
        return new Launcher(graphs.size() - 1, ints, scalars, grid, groupSize);
    }

    /**
     * The chain graph: {@code tasks} tasks of {@link GemmKernel#gemm} (which runs whichever kernel a descriptor names,
     * {@link ChainKernel}), each with its own descriptor, scalars and work grid, run in order in one execution.
     */
    private Launcher[] chain(List<ImmutableTaskGraph> graphs, String name, KernelContext context, int tasks) {
        TaskGraph g = new TaskGraph(name).consumeFromDevice(arena);
        Launcher[] slots = new Launcher[tasks];
        Object[] inputs = new Object[2 * tasks];
        for (int i = 0; i < tasks; i++) {
            IntArray ints = new IntArray(DESCRIPTOR_INTS);
            FloatArray scalars = new FloatArray(MAX_SCALARS);
            ints.init(0);
            scalars.init(0f);
            inputs[2 * i] = ints;
            inputs[2 * i + 1] = scalars;
            WorkerGrid1D gemm = new WorkerGrid1D(1), other = new WorkerGrid1D(1);
            grids.addWorkerGrid(name + ".g" + i, gemm);
            grids.addWorkerGrid(name + ".o" + i, other);
            slots[i] = new Launcher(graphs.size(), ints, scalars, gemm, 0, other);
        }
        g.transferToDevice(DataTransferMode.EVERY_EXECUTION, inputs);
        for (int i = 0; i < tasks; i++) {
            g.task("g" + i, GemmKernel::gemm, context, arena, slots[i].ints, slots[i].floats);
            g.task("o" + i, ChainKernel::dispatch, context, arena, slots[i].ints, slots[i].floats);
        }
        graphs.add(g.persistOnDevice(arena).snapshot());
        return slots;
    }

    /** Makes the arena an argument of the first graph, which uploads it once. */
    public static void touch(FloatArray arena) {
        for (int i = 0; i < 1; i++) {
            arena.set(0, arena.get(0));
        }
    }

    /** Launches one execution runs at most: the chain's slots, or 1. */
    int chainLength() {
        return chain == null ? 1 : chain.length;
    }

    /** Floats the arena holds. */
    int capacity() {
        return arena.getSize();
    }

    /** Reserves {@code n} floats from the bottom (passes and their frames); their contents are unspecified. */
    int allocate(long n) {
        checkRoom(n);
        int base = top;
        top += (int) n;
        return base;
    }

    /** Reserves {@code n} floats from the top (what stays between passes: a resident set), freed by {@link #releaseHigh}. */
    int allocateHigh(long n) {
        checkRoom(n);
        ceiling -= (int) n;
        return ceiling;
    }

    /** The current top-end allocation point, for {@link #releaseHigh}. */
    int highMark() {
        return ceiling;
    }

    /** Frees everything reserved from the top since {@code mark}. */
    void releaseHigh(int mark) {
        ceiling = mark;
    }

    private void checkRoom(long n) {
        if (top + n > ceiling) {
            throw new IllegalStateException("device arena full: " + n + " more floats, " + top + " in passes and " + (arena.getSize() - ceiling)
                    + " resident of " + arena.getSize() + " (" + (4L * arena.getSize() >> 20) + " MB); raise -D" + TornadoBackend.ARENA_PROPERTY);
        }
    }

    /** The current allocation point, for {@link #release}. */
    int mark() {
        return top;
    }

    /** Frees everything allocated since {@code mark}. */
    void release(int mark) {
        top = mark;
    }

    /**
     * Runs {@code kernel} on {@code work} work-items (a multiple of its group size, if it has one) with descriptor
     * {@code d} and {@code scalars}: queued in the chain when there is one (it runs when the chain is full or before
     * anything else reaches the device or the host), else at once.
     */
    void launch(Kernel kernel, int work, Descriptor d, float... scalars) {
        if (d.size() > ChainKernel.OP) throw new IllegalStateException("launch descriptor of " + d.size() + " ints leaves no room for its op");
        Launcher l = chain == null ? kernels[kernel.ordinal()] : chain[queued++];
        load(l, d);
        l.ints.set(ChainKernel.OP, kernel.op);
        for (int i = 0; i < scalars.length; i++) l.floats.set(i, scalars[i]);
        if (chain == null) {
            run(l, work);
            return;
        }
        boolean gemm = kernel == Kernel.GEMM;
        size(gemm ? l.grid : l.other, work, kernel.groupSize);
        size(gemm ? l.other : l.grid, 1, 0);
        transfers.launched();
        if (queued == chain.length) flush();
    }

    /** Runs the queued launches, the chain's unused tasks doing nothing. */
    void flush() {
        if (queued == 0) return;
        for (int i = queued; i < chain.length; i++) {
            chain[i].ints.set(0, 0);
            chain[i].ints.set(ChainKernel.OP, ChainKernel.NOP);
            size(chain[i].grid, 1, 0);
            size(chain[i].other, 1, 0);
        }
        queued = 0;
        last = plan.withGraph(chain[0].graph).withGridScheduler(grids).execute();
        transfers.record(2 * chain.length, chain.length * (chain[0].ints.getNumBytesOfSegment() + chain[0].floats.getNumBytesOfSegment()), 0, 0);
        transfers.executed();
    }

    /** Copies {@code count} floats of {@code src} from {@code from} into the arena region starting at {@code base}. */
    void upload(float[] src, int from, int count, int base) {
        int chunk = 1 << MAX_STAGING_LOG2;
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            int log2 = Math.max(MIN_STAGING_LOG2, 32 - Integer.numberOfLeadingZeros(n - 1));
            Launcher l = staging[log2];
            MemorySegment.copy(src, from + start, l.floats.getSegment(), ValueLayout.JAVA_FLOAT, 0L, n);
            // the destination: one contiguous row of count floats at base
            load(l, new Descriptor().add(n, start).add(base, 1, 1, 1, 0, 0, 0, count));
            run(l, n);
        }
    }

    /** Copies {@code count} floats from arena index {@code from} to {@code to} on the device (the regions must not overlap). */
    void copy(int from, int to, int count) {
        if (count == 0) return;
        launch(Kernel.COPY, count, new Descriptor().add(count).add(from, 1, 1, 1, 0, 0, 0, count).add(to, 1, 1, 1, 0, 0, 0, count));
    }

    /** Copies the arena region {@code [base, base + count)} from the device into {@code dst} from {@code to}. */
    void download(int base, int count, float[] dst, int to) {
        if (count == 0) return;
        if (chain != null) flush();
        last.transferToHost(new DataRange(arena).withOffset(base).withSize(count));
        transfers.record(0, 0, 1, 4L * count);
        MemorySegment.copy(arena.getSegment(), ValueLayout.JAVA_FLOAT, 4L * base, dst, to, count);
    }

    /** Runs launcher {@code l}, its descriptor loaded, on {@code work} work-items as one execution (the chain's queue first). */
    private void run(Launcher l, int work) {
        if (chain != null) flush();
        size(l.grid, work, l.groupSize);
        last = plan.withGraph(l.graph).withGridScheduler(grids).execute();
        transfers.record(2, l.ints.getNumBytesOfSegment() + l.floats.getNumBytesOfSegment(), 0, 0);
        transfers.launched();
        transfers.executed();
    }

    private static void load(Launcher l, Descriptor d) {
        for (int i = 0; i < d.size(); i++) l.ints.set(i, d.ints()[i]);
    }

    /** {@code work} work-items (at least one), in work-groups of {@code groupSize} or as the driver likes ({@code 0}). */
    private static void size(WorkerGrid1D grid, int work, int groupSize) {
        grid.setGlobalWork(Math.max(1, work), 1, 1);
        if (groupSize > 0) grid.setLocalWork(groupSize, 1, 1);
        else grid.setLocalWorkToNull();
    }

    @Override
    public void close() {
        try {
            plan.close();
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("could not release the device arena", e);
        }
    }
}
