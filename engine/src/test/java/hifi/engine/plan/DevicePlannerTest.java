package hifi.engine.plan;

import hifi.engine.backend.PassScope;
import hifi.engine.kernels.AdamWKernel;
import hifi.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planner's accounting on op sequences small enough to count by hand. */
class DevicePlannerTest {
    private static final long BLOCK = DevicePlanner.PARAMETER_BLOCK_BYTES;

    @Test
    void hostArraysGoUpOnceAndDeviceBuffersNever() {
        DevicePlanner p = new DevicePlanner();
        Tensor x = Tensor.zeros(5, 7), w = Tensor.zeros(3, 7), b = Tensor.zeros(3);
        Tensor y = p.allocateOutput(5, 3), z = p.allocateOutput(5, 3);
        p.linear(x, w, b, y);
        p.linear(x, w, b, z);
        p.add(y, z, z);
        p.flush();
        assertEquals(new PlanCounts(1, 3, 4L * (35 + 21 + 3) + BLOCK, 0, 3, 2 * 2L * 5 * 3 * 7), p.counts());
        p.linear(x, w, b, y);
        p.flush();
        assertEquals(new PlanCounts(1, 1, BLOCK, 0, 0, 2L * 5 * 3 * 7), p.counts().minus(new PlanCounts(1, 3, 4L * (35 + 21 + 3) + BLOCK, 0, 3, 2 * 2L * 5 * 3 * 7)));
    }

    @Test
    void aTaskThatWritesAHostArrayMakesTheDeviceCopyCurrent() {
        DevicePlanner p = new DevicePlanner();
        Tensor param = Tensor.zeros(4, 4);
        Tensor grad = p.allocate(4, 4), m = p.allocate(4, 4), v = p.allocate(4, 4);
        p.adamW(param, grad, m, v, new AdamWKernel.Step(0.9f, 0.999f, 1e-8f, 1f, 1e-3f, 1f, 1f));
        assertTrue(p.isResident(param.storage()));
        p.flush();
        assertEquals(4L * 16 + BLOCK, p.counts().uploadBytes(), "the parameter went up once, to be read");
        assertEquals(4, p.counts().tasks(), "three zero fills and the update");
    }

    @Test
    void aBoundaryEndsANonEmptyGraphOnly() {
        DevicePlanner p = new DevicePlanner();
        p.graphBoundary();
        assertEquals(0, p.counts().executions());
        p.fill(p.allocateOutput(8), 1f);
        p.graphBoundary();
        p.graphBoundary();
        assertEquals(1, p.counts().executions());
        assertEquals(DevicePlanner.End.BOUNDARY, p.graphs().get(0).end());
    }

    @Test
    void aFullGraphExecutes() {
        DevicePlanner p = new DevicePlanner(2);
        Tensor t = p.allocateOutput(3);
        for (int i = 0; i < 5; i++) p.scale(t, 2f);
        assertEquals(2, p.counts().executions(), "two graphs of two");
        p.flush();
        assertEquals(new PlanCounts(3, 5, 3 * BLOCK, 0, 0, 0), p.counts());
        assertEquals(List.of(DevicePlanner.End.FULL, DevicePlanner.End.FULL, DevicePlanner.End.FLUSH),
                p.graphs().stream().map(DevicePlanner.Graph::end).toList());
    }

    @Test
    void hostReadsExecuteAndComeDown() {
        DevicePlanner p = new DevicePlanner();
        Tensor a = p.allocateOutput(4, 4), b = p.allocateOutput(2, 3);
        float[] out = p.toHost(a);
        assertEquals(16, out.length);
        assertEquals(0.0, p.sumOfSquares(List.of(a, b)));
        assertEquals(new PlanCounts(2, 3, 2 * BLOCK, 4L * 16 + 8, 0, 0), p.counts(), "one read of 16 floats, one of a double");
        assertEquals(DevicePlanner.End.HOST_READ, p.graphs().get(1).end());
    }

    @Test
    void idsGoUpOncePerPass() {
        DevicePlanner p = new DevicePlanner();
        Tensor table = PlannedStorage.hostTensor(10, 4);
        int[] ids = {1, 2, 3};
        Tensor out = p.allocateOutput(3, 4), dTable = p.allocate(10, 4);
        for (int pass = 0; pass < 2; pass++) {
            try (PassScope s = p.openPass()) {
                p.embedding(table, ids, out);
                p.embeddingBackward(out, ids, dTable);
            }
        }
        p.flush();
        assertEquals(4L * 40 + 2 * 4L * 3 + BLOCK, p.counts().uploadBytes(), "the table once, the ids once per pass");
        assertFalse(p.isResident(out.storage()), "a device buffer is not a host array");
        assertEquals((float) Math.log(4), p.crossEntropy(out, new int[] {0, 1, 2}, null), 1e-6f, "ln C, a finite loss");
    }
}
