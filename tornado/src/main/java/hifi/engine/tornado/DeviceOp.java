package hifi.engine.tornado;

import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One op at one shape, ready to run on a device: its packed off-heap buffers and the task graph over them, compiled
 * by TornadoVM on the first {@link #run()} (the kernel is specialised on the graph's scalar arguments, hence one
 * {@code DeviceOp} per shape). Declared inputs go to the device and declared outputs come back on every run: this is
 * the per-op transfer seam; a resident variant would keep buffers on the device between graphs
 * ({@code consumeFromDevice}) and only move the edges.
 */
final class DeviceOp implements AutoCloseable {
    private static final AtomicInteger GRAPHS = new AtomicInteger();

    private final FloatArray[] buffers;
    private final LongArray seed;
    private final TornadoExecutionPlan plan;
    private final int[] uploads;
    private final int[] downloads;

    private DeviceOp(FloatArray[] buffers, LongArray seed, TornadoExecutionPlan plan, int[] uploads, int[] downloads) {
        this.buffers = buffers;
        this.seed = seed;
        this.plan = plan;
        this.uploads = uploads;
        this.downloads = downloads;
    }

    /** Declares an op's tasks on its graph, given its buffers and its seed array ({@code null} unless requested). */
    @FunctionalInterface
    interface Tasks {
        void declare(TaskGraph graph, FloatArray[] buffers, LongArray seed);
    }

    /** Describes a {@link DeviceOp}: buffer sizes, which ones travel each way, and the tasks. */
    static final class Builder {
        private final String name;
        private final int[] sizes;
        private int[] uploads = new int[0];
        private int[] downloads = new int[0];
        private boolean withSeed;

        Builder(String name, int... sizes) {
            this.name = name;
            this.sizes = sizes.clone();
        }

        /** Buffers copied to the device before every run. */
        Builder uploads(int... indices) {
            uploads = indices.clone();
            return this;
        }

        /** Buffers copied back to the host after every run. */
        Builder downloads(int... indices) {
            downloads = indices.clone();
            return this;
        }

        /** Adds a one-element {@link LongArray} uploaded before every run (a random seed). */
        Builder withSeed() {
            withSeed = true;
            return this;
        }

        /** Allocates the buffers, declares the graph with {@code tasks} and binds it to {@code device}. */
        DeviceOp build(TornadoDevice device, Tasks tasks) {
            FloatArray[] buffers = new FloatArray[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                buffers[i] = new FloatArray(Math.max(1, sizes[i]));
                buffers[i].init(0f);
            }
            LongArray seed = withSeed ? new LongArray(1) : null;
            TaskGraph graph = new TaskGraph(name + "_" + GRAPHS.incrementAndGet());
            graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, select(buffers, uploads, seed));
            tasks.declare(graph, buffers, seed);
            graph.transferToHost(DataTransferMode.EVERY_EXECUTION, select(buffers, downloads, null));
            ImmutableTaskGraph snapshot = graph.snapshot();
            TornadoExecutionPlan plan = new TornadoExecutionPlan(snapshot);
            plan.withDevice(device);
            return new DeviceOp(buffers, seed, plan, uploads.clone(), downloads.clone());
        }

        private static Object[] select(FloatArray[] buffers, int[] indices, LongArray extra) {
            Object[] out = new Object[indices.length + (extra == null ? 0 : 1)];
            for (int i = 0; i < indices.length; i++) out[i] = buffers[indices[i]];
            if (extra != null) out[indices.length] = extra;
            return out;
        }
    }

    /** Buffer {@code i} (host side: fill it before {@link #run()}, read it after). */
    FloatArray buffer(int i) {
        return buffers[i];
    }

    /** Sets the seed uploaded with the next run (only for ops built {@link Builder#withSeed() withSeed}). */
    void seed(long value) {
        seed.set(0, value);
    }

    /** Uploads the inputs, runs the tasks, downloads the outputs; adds the copies to {@code transfers}. */
    void run(TransferCounter transfers) {
        plan.execute();
        transfers.record(uploads.length + (seed == null ? 0 : 1), bytes(uploads) + (seed == null ? 0 : seed.getNumBytesOfSegment()),
                downloads.length, bytes(downloads));
    }

    private long bytes(int[] indices) {
        long n = 0;
        for (int i : indices) n += buffers[i].getNumBytesOfSegment();
        return n;
    }

    @Override
    public void close() {
        try {
            plan.close();
        } catch (TornadoExecutionPlanException e) {
            throw new IllegalStateException("could not release the device buffers of " + this, e);
        }
    }
}
