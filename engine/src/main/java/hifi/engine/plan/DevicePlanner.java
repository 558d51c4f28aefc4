package hifi.engine.plan;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.kernels.AdamWKernel;
import hifi.engine.kernels.GemmShape;
import hifi.engine.runtime.Activation;
import hifi.engine.runtime.WorkerPool;
import hifi.engine.tensor.Storage;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated device that plans, without computing, how a pass runs on a GPU whose memory holds everything the
 * training needs: it records each op as a <b>task</b> of the graph being recorded and counts the graph
 * <b>executions</b> (each a blocking round trip) and the bytes that cross the bus. The accounting is the resident
 * design of {@code docs/engine.md} (section "A resident device pass"):
 * <ul>
 * <li>Everything the backend allocates lives on the device: activations, gradients, optimiser moments. Host arrays
 *     (weights read from a file, the batch's attention mask) go up the first time a task reads them and stay
 *     resident; a task that writes one (AdamW writing a weight) makes the device copy the current one, so a weight
 *     goes up once per run, never per step.</li>
 * <li>Integer ids, labels and regression targets go up once per pass (the same array read by forward and backward
 *     goes up once).</li>
 * <li>A graph ends at a {@link #graphBoundary() boundary} (between encoder layers), when it holds
 *     {@code maxTasks} tasks, or when host code needs a value: a loss, the gradient norm, a {@link #toHost} read.
 *     Those host reads are the only downloads. Each execution also sends a {@value #PARAMETER_BLOCK_BYTES}-byte block
 *     of sizes (each batch is padded to its own length, so a replayed graph takes its sizes as parameters).</li>
 * </ul>
 * Values are not computed: losses come back as {@code ln C}, squared norms as 0, host reads as zeros, so a training
 * loop runs through its steps unchanged. One thread; not for concurrent use.
 */
public final class DevicePlanner extends Backend {
    /** Largest graph the plan records before it executes one (a TornadoVM task graph stays well below its limits). */
    public static final int DEFAULT_MAX_TASKS = 256;
    /** Bytes of the per-execution parameter block (sizes, offsets, scalars). */
    public static final int PARAMETER_BLOCK_BYTES = 64;

    /** Why a recorded graph was executed. */
    public enum End { BOUNDARY, FULL, HOST_READ, FLUSH }

    /** One execution: its tasks by op name, the bytes it moved each way, and why it ended. */
    public record Graph(int tasks, Map<String, Integer> ops, long uploadBytes, long downloadBytes, End end) {
    }

    private final int maxTasks;
    private final Set<Storage> resident = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> sentThisPass = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Graph> executed = new ArrayList<>();
    private final Map<String, Integer> ops = new TreeMap<>();
    private int tasks;
    private long up;
    private long down;
    private int passDepth;
    private long totalExecutions;
    private long totalTasks;
    private long totalUp;
    private long totalDown;
    private long arraysUploaded;
    private long gemmFlops;

    /** A planner with graphs of at most {@link #DEFAULT_MAX_TASKS} tasks. */
    public DevicePlanner() {
        this(DEFAULT_MAX_TASKS);
    }

    public DevicePlanner(int maxTasks) {
        super(new WorkerPool(1));
        if (maxTasks < 1) throw new IllegalArgumentException("DevicePlanner: maxTasks must be ≥ 1, got " + maxTasks);
        this.maxTasks = maxTasks;
    }

    @Override
    public String name() {
        return "device plan (≤ " + maxTasks + " tasks per graph)";
    }

    /** Everything counted since construction. */
    public PlanCounts counts() {
        return new PlanCounts(totalExecutions, totalTasks, totalUp, totalDown, arraysUploaded, gemmFlops);
    }

    /** The executions so far, oldest first. */
    public List<Graph> graphs() {
        return List.copyOf(executed);
    }

    /** True if the device holds a current copy of host array {@code s} (it went up, or a task wrote it). */
    public boolean isResident(Storage s) {
        return resident.contains(s);
    }

    /** Executes the graph being recorded, if it holds anything (the end of a run). */
    public void flush() {
        execute(End.FLUSH);
    }

    // ---------------------------------------------------------------- allocation and passes

    @Override
    public Tensor allocate(int... shape) {
        Tensor t = allocateOutput(shape);
        task("fill", List.of(), List.of(t));
        return t;
    }

    @Override
    public Tensor allocateOutput(int... shape) {
        return Tensor.contiguous(PlannedStorage.onDevice(Tensor.numel(shape)), shape);
    }

    @Override
    public PassScope openPass() {
        if (passDepth++ == 0) sentThisPass.clear();
        return new PassScope() {
            private boolean closed;

            @Override
            public void keep(Tensor tensor) {
            }

            @Override
            public void close() {
                if (!closed) passDepth--;
                closed = true;
            }
        };
    }

    @Override
    public void graphBoundary() {
        execute(End.BOUNDARY);
    }

    // ---------------------------------------------------------------- the record

    private void task(String op, List<Tensor> reads, List<Tensor> writes) {
        for (Tensor t : reads) receive(t);
        for (Tensor t : writes) {
            if (!(t.storage() instanceof PlannedStorage p) || p.isHost()) resident.add(t.storage());
        }
        ops.merge(op, 1, Integer::sum);
        if (++tasks == maxTasks) execute(End.FULL);
    }

    private void task(String op, Tensor... readsThenWritten) {
        // The last tensor is written; all are read (in-place and accumulating ops read what they write).
        List<Tensor> all = new ArrayList<>();
        for (Tensor t : readsThenWritten) if (t != null) all.add(t);
        task(op, all, List.of(all.get(all.size() - 1)));
    }

    /** A host array the device needs: up the first time; a device buffer needs nothing. */
    private void receive(Tensor t) {
        Storage s = t.storage();
        if (s instanceof PlannedStorage p && !p.isHost()) return;
        if (resident.add(s)) {
            up += 4 * s.size();
            arraysUploaded++;
        }
    }

    /** Ids, labels or targets: up once per pass. */
    private void send(Object array, long bytes) {
        if (sentThisPass.add(array)) up += bytes;
    }

    /** Host code waits for {@code bytes} of results: the graph runs now. */
    private void hostRead(long bytes) {
        down += bytes;
        execute(End.HOST_READ);
    }

    private void execute(End end) {
        if (tasks == 0 && up == 0 && down == 0 && end != End.HOST_READ) return;
        Graph g = new Graph(tasks, Map.copyOf(ops), up + PARAMETER_BLOCK_BYTES, down, end);
        executed.add(g);
        totalExecutions++;
        totalTasks += g.tasks();
        totalUp += g.uploadBytes();
        totalDown += g.downloadBytes();
        tasks = 0;
        up = down = 0;
        ops.clear();
    }

    // ---------------------------------------------------------------- the ops, as tasks

    @Override
    protected void gemmUnchecked(Tensor a, boolean transA, Tensor b, boolean transB, Tensor c, float alpha, boolean accumulate,
                                 Tensor bias, GemmShape shape) {
        List<Tensor> reads = new ArrayList<>(List.of(a, b));
        if (bias != null) reads.add(bias);
        if (accumulate) reads.add(c);
        gemmFlops += shape.flops();
        task("gemm", reads, List.of(c));
    }

    @Override
    protected void softmaxUnchecked(Tensor x, Tensor additiveMask, int rowsPerMaskRow) {
        task("softmax", additiveMask, x);
    }

    @Override
    protected void softmaxBackwardUnchecked(Tensor y, Tensor dy, Tensor dx) {
        task("softmax backward", List.of(y, dy), List.of(dx));
    }

    @Override
    protected void layerNormUnchecked(Tensor x, Tensor gamma, Tensor beta, float eps, Tensor y, Tensor mean, Tensor rstd) {
        task("layerNorm", List.of(x, gamma, beta), List.of(y, mean, rstd));
    }

    @Override
    protected void layerNormBackwardUnchecked(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dx, Tensor dgamma,
                                              Tensor dbeta) {
        List<Tensor> reads = new ArrayList<>(List.of(dy, x, gamma, mean, rstd));
        List<Tensor> writes = new ArrayList<>();
        for (Tensor t : new Tensor[] {dx, dgamma, dbeta}) if (t != null) writes.add(t);
        if (dgamma != null) reads.add(dgamma);
        if (dbeta != null) reads.add(dbeta);
        task("layerNorm backward", reads, writes);
    }

    @Override
    protected void activationUnchecked(Activation act, Tensor x, Tensor y) {
        task("activation " + act, List.of(x), List.of(y));
    }

    @Override
    protected void activationBackwardUnchecked(Activation act, Tensor in, Tensor dy, Tensor dx) {
        task("activation backward " + act, List.of(in, dy), List.of(dx));
    }

    @Override
    protected void dropoutUnchecked(Tensor x, Tensor y, float p, long seed) {
        task("dropout", List.of(x), List.of(y));
    }

    @Override
    protected void embeddingUnchecked(Tensor table, int[] ids, Tensor out) {
        send(ids, 4L * ids.length);
        task("embedding", List.of(table), List.of(out));
    }

    @Override
    protected void embeddingBackwardUnchecked(Tensor dOut, int[] ids, Tensor dTable) {
        send(ids, 4L * ids.length);
        task("embedding backward", dOut, dTable);
    }

    @Override
    protected float crossEntropyUnchecked(Tensor logits, int[] labels, Tensor dLogits) {
        send(labels, 4L * labels.length);
        task("crossEntropy", List.of(logits), dLogits == null ? List.of() : List.of(dLogits));
        hostRead(4);
        return (float) Math.log(logits.dim(-1));
    }

    @Override
    protected float mseUnchecked(Tensor pred, float[] targets, Tensor dPred) {
        send(targets, 4L * targets.length);
        task("mse", List.of(pred), dPred == null ? List.of() : List.of(dPred));
        hostRead(4);
        return 1f;
    }

    @Override
    protected void columnSumsUnchecked(Tensor x, Tensor out) {
        task("columnSums", x, out);
    }

    @Override
    protected void addUnchecked(Tensor a, Tensor b, Tensor out) {
        task("add", List.of(a, b), List.of(out));
    }

    @Override
    protected void axpyUnchecked(float alpha, Tensor x, Tensor y) {
        task("axpy", x, y);
    }

    @Override
    protected void scaleUnchecked(Tensor x, float s) {
        task("scale", x);
    }

    @Override
    protected void copyUnchecked(Tensor src, Tensor dst) {
        task("copy", List.of(src), List.of(dst));
    }

    @Override
    protected void fillUnchecked(Tensor x, float v) {
        task("fill", List.of(), List.of(x));
    }

    @Override
    protected double sumOfSquaresUnchecked(Tensor x) {
        return sumOfSquaresUnchecked(List.of(x));
    }

    @Override
    protected double sumOfSquaresUnchecked(List<Tensor> xs) {
        for (Tensor x : xs) task("sumOfSquares", List.of(x), List.of());
        hostRead(8);
        return 0;
    }

    @Override
    protected void adamWUnchecked(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWKernel.Step step) {
        task("adamW", List.of(param, grad, m, v), List.of(param, m, v));
    }

    @Override
    protected void toHostUnchecked(Tensor src, float[] dst, int offset) {
        task("toHost", List.of(src), List.of());
        hostRead(4L * src.numel());
    }
}
