package hifi.glue.io;

import hifi.glue.metrics.TaskScores;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records a training run writes to its {@link MetricsLog}, built in one place so that the writer (the trainer)
 * and the readers ({@code hifi.glue.report}) agree on the keys: {@code event} ({@code train} or {@code eval}),
 * {@code step}, {@code epoch}, and then {@code loss}/{@code lr} for training steps or the task's metrics,
 * {@code score} and optionally {@code loss} for evaluations.
 */
public final class LogRecords {
    private LogRecords() {
    }

    /** A training step: {@code {"event":"train","step":…,"epoch":…,"loss":…,"lr":…}}. */
    public static Map<String, Object> train(long step, double epoch, double loss, double learningRate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "train");
        m.put("step", step);
        m.put("epoch", epoch);
        m.put("loss", loss);
        m.put("lr", learningRate);
        return m;
    }

    /**
     * An evaluation: {@code {"event":"eval","step":…,"epoch":…,"split":"dev","accuracy":…,"score":…,"loss":…}}.
     *
     * @param loss the mean loss on the split, or NaN to leave it out
     */
    public static Map<String, Object> eval(long step, double epoch, TaskScores scores, double loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "eval");
        m.put("step", step);
        m.put("epoch", epoch);
        m.put("task", scores.task().key());
        m.put("split", scores.split());
        m.putAll(scores.metrics());
        m.put("score", scores.score());
        if (!Double.isNaN(loss)) m.put("loss", loss);
        return m;
    }
}
