package hifi.engine.tornado;

import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the TornadoVM behaviour {@link DeviceArena} is built on (see the README, <i>Residency</i>): one execution
 * plan holding one graph per op kind, every graph consuming and persisting the same off-heap "arena" array, runs its
 * graphs in any order with only each op's small descriptor array crossing the bus; the work size is set per launch
 * through the grid scheduler (no recompilation per shape); a sub-range of the arena comes back on demand; host data
 * goes in through a staging array. And the fact that rules out per-op graphs in plans of their own: two plans over
 * the same array hold two device copies.
 */
class SharedArenaContractTest {
    private static final int ARENA = 4096;
    private static final int STAGING = 64;

    /** Marks the arena as used by the first graph (which uploads it once). */
    public static void touch(FloatArray arena) {
        for (int i = 0; i < 1; i++) arena.set(0, arena.get(0));
    }

    /** {@code arena[d[0] + i] = d[1]} for {@code i < d[2]}. */
    public static void fill(KernelContext ctx, FloatArray arena, IntArray d) {
        int i = ctx.globalIdx;
        if (i < d.get(2)) arena.set(d.get(0) + i, d.get(1));
    }

    /** {@code arena[d[0] + i] = arena[d[1] + i] + arena[d[2] + i]} for {@code i < d[3]}. */
    public static void add(KernelContext ctx, FloatArray arena, IntArray d) {
        int i = ctx.globalIdx;
        if (i < d.get(3)) arena.set(d.get(0) + i, arena.get(d.get(1) + i) + arena.get(d.get(2) + i));
    }

    /** {@code arena[d[0] + i] = staging[i]} for {@code i < d[1]}. */
    public static void unstage(KernelContext ctx, FloatArray staging, FloatArray arena, IntArray d) {
        int i = ctx.globalIdx;
        if (i < d.get(1)) arena.set(d.get(0) + i, staging.get(i));
    }

    @Test
    void graphsOfOnePlanShareTheArenaOnTheDevice() throws Exception {
        FloatArray arena = new FloatArray(ARENA);
        arena.init(0f);
        IntArray fillArgs = new IntArray(3), addArgs = new IntArray(4);
        KernelContext ctx = new KernelContext();
        TaskGraph init = new TaskGraph("init").transferToDevice(DataTransferMode.FIRST_EXECUTION, arena)
                .task("t", SharedArenaContractTest::touch, arena).persistOnDevice(arena);
        TaskGraph fill = new TaskGraph("fill").consumeFromDevice(arena).transferToDevice(DataTransferMode.EVERY_EXECUTION, fillArgs)
                .task("t", SharedArenaContractTest::fill, ctx, arena, fillArgs).persistOnDevice(arena);
        FloatArray staging = new FloatArray(STAGING);
        IntArray uploadArgs = new IntArray(2);
        TaskGraph upload = new TaskGraph("upload").consumeFromDevice(arena).transferToDevice(DataTransferMode.EVERY_EXECUTION, staging, uploadArgs)
                .task("t", SharedArenaContractTest::unstage, ctx, staging, arena, uploadArgs).persistOnDevice(arena);
        TaskGraph add = new TaskGraph("add").consumeFromDevice(arena).transferToDevice(DataTransferMode.EVERY_EXECUTION, addArgs)
                .task("t", SharedArenaContractTest::add, ctx, arena, addArgs).persistOnDevice(arena);
        WorkerGrid1D fillGrid = new WorkerGrid1D(1), addGrid = new WorkerGrid1D(1), uploadGrid = new WorkerGrid1D(STAGING);
        GridScheduler grids = new GridScheduler();
        grids.addWorkerGrid("fill.t", fillGrid);
        grids.addWorkerGrid("add.t", addGrid);
        grids.addWorkerGrid("upload.t", uploadGrid);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(init.snapshot(), fill.snapshot(), add.snapshot(), upload.snapshot())) {
            plan.withDevice(TornadoDevices.find(System.getProperty("hifi.tornado.device", "0:0"))).withProfiler(ProfilerMode.SILENT);
            TornadoExecutionResult r = plan.withGraph(0).execute();
            assertTrue(r.getProfilerResult().getTotalBytesCopyIn() >= 4L * ARENA, "the arena goes up once");

            r = launch(plan, 1, grids, fillGrid, fillArgs, 100, 0, 1, 100);          // [0, 100) = 1
            r = launch(plan, 1, grids, fillGrid, fillArgs, 200, 100, 2, 200);        // [100, 300) = 2
            r = launch(plan, 2, grids, addGrid, addArgs, 100, 1000, 0, 100, 100);    // [1000, 1100) = 3
            r = launch(plan, 2, grids, addGrid, addArgs, 50, 2000, 1000, 1000, 50);  // [2000, 2050) = 6
            uploadArgs.set(0, 3000);
            uploadArgs.set(1, STAGING);
            staging.init(0.5f);                                                       // no partial host→device copy in
            r = plan.withGraph(3).withGridScheduler(grids).execute();                // the API: stage, then copy on the device
            assertTrue(r.getProfilerResult().getTotalBytesCopyIn() < 4L * ARENA / 8, "only the staging array goes up");
            assertEquals(0f, arena.get(2000), "nothing came back to the host yet");

            r.transferToHost(new DataRange(arena).withOffset(2000).withSize(60));
            assertEquals(6f, arena.get(2000));
            assertEquals(6f, arena.get(2049));
            assertEquals(0f, arena.get(2050), "untouched on the device");
            assertEquals(0f, arena.get(0), "outside the range: not copied back");
            r.transferToHost(new DataRange(arena).withOffset(3000).withSize(STAGING + 1));
            assertEquals(0.5f, arena.get(3000 + STAGING - 1), "staged upload landed in the arena");
            assertEquals(0f, arena.get(3000 + STAGING));
        }
    }

    /** Sets the descriptor and the work size, runs graph {@code index}, checks that only the descriptor went up. */
    private static TornadoExecutionResult launch(TornadoExecutionPlan plan, int index, GridScheduler grids, WorkerGrid1D grid,
                                                 IntArray descriptor, int work, int... values) {
        for (int i = 0; i < values.length; i++) descriptor.set(i, values[i]);
        grid.setGlobalWork(work, 1, 1);
        grid.setLocalWorkToNull();
        TornadoExecutionResult r = plan.withGraph(index).withGridScheduler(grids).execute();
        long in = r.getProfilerResult().getTotalBytesCopyIn(), out = r.getProfilerResult().getTotalBytesCopyOut();
        assertTrue(in < 4L * ARENA / 8, "graph " + index + ": only the descriptor goes up, not the arena (" + in + " B)");
        assertEquals(0, out, "graph " + index + ": nothing comes down");
        return r;
    }

    @Test
    void twoPlansOverOneArrayHoldTwoDeviceCopies() throws Exception {
        FloatArray a = new FloatArray(16);
        a.init(1f);
        IntArray args = new IntArray(3);
        args.set(0, 0);
        args.set(1, 5);
        args.set(2, 16);
        KernelContext ctx = new KernelContext();
        WorkerGrid1D grid = new WorkerGrid1D(16);
        GridScheduler grids = new GridScheduler();
        grids.addWorkerGrid("writer.t", grid);
        grids.addWorkerGrid("reader.t", grid);
        TaskGraph writer = new TaskGraph("writer").transferToDevice(DataTransferMode.FIRST_EXECUTION, a, args)
                .task("t", SharedArenaContractTest::fill, ctx, a, args).persistOnDevice(a);
        IntArray addArgs = new IntArray(4);
        addArgs.set(0, 0);
        addArgs.set(1, 0);
        addArgs.set(2, 0);
        addArgs.set(3, 16);
        TaskGraph reader = new TaskGraph("reader").transferToDevice(DataTransferMode.FIRST_EXECUTION, a, addArgs)
                .task("t", SharedArenaContractTest::add, ctx, a, addArgs).transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        String id = System.getProperty("hifi.tornado.device", "0:0");
        try (TornadoExecutionPlan p1 = new TornadoExecutionPlan(writer.snapshot()); TornadoExecutionPlan p2 = new TornadoExecutionPlan(reader.snapshot())) {
            p1.withDevice(TornadoDevices.find(id)).withGridScheduler(grids).execute();   // device copy #1: a = 5
            p2.withDevice(TornadoDevices.find(id)).withGridScheduler(grids).execute();   // device copy #2 starts from the host's 1
            assertEquals(2f, a.get(0), "the second plan started from the host's a = 1, not from the first plan's device a = 5");
        }
    }
}
