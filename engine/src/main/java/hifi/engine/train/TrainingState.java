package hifi.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands: the counters a {@link Checkpoint} saves and a resume restores. Together with the seed they
 * determine everything still to come: the data order of each epoch is a function of {@code (seed, epoch)} and the
 * dropout seed of each micro-batch a function of {@code (seed, microStep)}.
 */
final class TrainingState {
    /** Updates (optimiser steps) done. */
    long step;
    /** Micro-batches done (each has its own dropout seed). */
    long microStep;
    /** The epoch in progress. */
    int epoch;
    /** The next batch of {@link #epoch} to process. */
    int batchInEpoch;
    long lastEvalStep = -1;
    double bestMetric = Double.NaN;
    long bestStep = -1;
    int badEvaluations;
    boolean stoppedEarly;
    final List<Float> losses = new ArrayList<>();
    final List<Evaluation> evaluations = new ArrayList<>();

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("micro_step", microStep);
        m.put("epoch", epoch);
        m.put("batch_in_epoch", batchInEpoch);
        m.put("last_eval_step", lastEvalStep);
        m.put("best_metric", Double.isNaN(bestMetric) ? null : bestMetric);
        m.put("best_step", bestStep);
        m.put("bad_evaluations", badEvaluations);
        m.put("stopped_early", stoppedEarly);
        List<Object> evals = new ArrayList<>();
        for (Evaluation e : evaluations) evals.add(List.of(e.step(), e.epoch(), e.metric(), e.improved()));
        m.put("evaluations", evals);
        return m;
    }

    static TrainingState fromJson(Map<String, Object> m, String source) {
        TrainingState s = new TrainingState();
        s.step = longKey(m, "step", source);
        s.microStep = longKey(m, "micro_step", source);
        s.epoch = (int) longKey(m, "epoch", source);
        s.batchInEpoch = (int) longKey(m, "batch_in_epoch", source);
        s.lastEvalStep = longKey(m, "last_eval_step", source);
        s.bestMetric = m.get("best_metric") == null ? Double.NaN : ((Number) m.get("best_metric")).doubleValue();
        s.bestStep = longKey(m, "best_step", source);
        s.badEvaluations = (int) longKey(m, "bad_evaluations", source);
        s.stoppedEarly = Boolean.TRUE.equals(m.get("stopped_early"));
        if (m.get("evaluations") instanceof List<?> evals) {
            for (Object o : evals) {
                List<?> e = (List<?>) o;
                s.evaluations.add(new Evaluation(((Number) e.get(0)).longValue(), ((Number) e.get(1)).intValue(),
                        ((Number) e.get(2)).doubleValue(), (Boolean) e.get(3)));
            }
        }
        return s;
    }

    private static long longKey(Map<String, Object> m, String key, String source) {
        if (!(m.get(key) instanceof Number n)) throw new IllegalArgumentException(source + ": trainer state lacks \"" + key + "\"");
        return n.longValue();
    }
}
