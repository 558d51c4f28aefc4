package hifi.engine.train;

/**
 * Linear warm-up from 0 to the peak learning rate, then linear decay to 0 at the last update (Hugging Face's
 * {@code get_linear_schedule_with_warmup}). Update {@code s} (0-based) uses
 * {@code peak · s / warmup} while {@code s < warmup}, then {@code peak · (total − s) / (total − warmup)}; so with a
 * warm-up the very first update has learning rate 0, exactly as in the Hugging Face Trainer.
 */
public record LinearSchedule(float peak, int warmupSteps, int totalSteps) {

    public LinearSchedule {
        if (!(peak >= 0)) throw new IllegalArgumentException("learning rate must be ≥ 0, got " + peak);
        if (totalSteps <= 0) throw new IllegalArgumentException("total steps must be > 0, got " + totalSteps);
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warm-up steps must be in 0.." + totalSteps + ", got " + warmupSteps);
        }
    }

    /** Warm-up as a fraction of the updates, rounded up (HF's {@code warmup_ratio}). */
    public static LinearSchedule withWarmupRatio(float peak, double ratio, int totalSteps) {
        if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("warm-up ratio must be in [0, 1], got " + ratio);
        return new LinearSchedule(peak, (int) Math.ceil(ratio * totalSteps), totalSteps);
    }

    /** The learning rate of update {@code step} (0-based). */
    public float lr(long step) {
        double factor;
        if (step < warmupSteps) factor = (double) step / Math.max(1, warmupSteps);
        else factor = Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
        return (float) (peak * factor);
    }
}
