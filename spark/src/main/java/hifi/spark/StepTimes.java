package hifi.spark;

import java.util.Locale;

/**
 * Where the time of distributed training steps goes: the round trip (slices out, micro-batches computed, gradients
 * back), the slowest task's own compute, and the driver's aggregation (summing the micro-batch gradients). The
 * difference between the round trip and the compute is Spark's overhead (scheduling, broadcast, transfer).
 */
final class StepTimes {
    private long steps, roundTripNanos, aggregationNanos, computeNanos;

    synchronized void add(long roundTrip, long aggregation, long slowestCompute) {
        steps++;
        roundTripNanos += roundTrip;
        aggregationNanos += aggregation;
        computeNanos += slowestCompute;
    }

    synchronized long steps() {
        return steps;
    }

    @Override
    public synchronized String toString() {
        double n = Math.max(1, steps);
        return String.format(Locale.ROOT, "%d steps; per step: round trip %.1f ms (slowest task's compute %.1f ms), driver aggregation %.2f ms",
                steps, roundTripNanos / n / 1e6, computeNanos / n / 1e6, aggregationNanos / n / 1e6);
    }
}
