package hifi.engine.plan;

import java.util.Locale;

/**
 * What a {@link DevicePlanner} counted over an interval (one training step, say): device executions (each a blocking
 * {@code execute()} of one recorded graph), the tasks (kernels) they ran, the bytes that went host → device and back,
 * how many host arrays (weights, masks) went up whole, and the floating-point operations of the GEMM tasks
 * ({@code 2·M·N·K} per product).
 */
public record PlanCounts(long executions, long tasks, long uploadBytes, long downloadBytes, long arraysUploaded, long gemmFlops) {
    /** The counts of the interval from {@code earlier} to this one. */
    public PlanCounts minus(PlanCounts earlier) {
        return new PlanCounts(executions - earlier.executions, tasks - earlier.tasks, uploadBytes - earlier.uploadBytes,
                downloadBytes - earlier.downloadBytes, arraysUploaded - earlier.arraysUploaded, gemmFlops - earlier.gemmFlops);
    }

    /** {@code executions/step: N bytes-up/step: U bytes-down/step: D}, the line the plan harness ends with. */
    public String perStepLine() {
        return String.format(Locale.ROOT, "executions/step: %d bytes-up/step: %d bytes-down/step: %d", executions, uploadBytes, downloadBytes);
    }
}
