package hifi.glue.metrics;

import hifi.glue.tasks.GlueTask;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The GLUE average: the mean over tasks of each task's score, where a task's score is the mean of its official
 * metrics on a split, averaged over its evaluation splits (MNLI: matched and mismatched). Every GLUE task passed in
 * counts, WNLI included; this project's protocol (docs/method.md#14-the-glue-protocol) leaves WNLI out, so callers
 * following it do not pass WNLI scores.
 */
public final class GlueAverage {
    private GlueAverage() {
    }

    /** Per-task scores and their mean. */
    public record Result(Map<GlueTask, Double> taskScores, double average) {
    }

    /** Groups {@code scores} by task and averages. */
    public static Result of(Collection<TaskScores> scores) {
        if (scores.isEmpty()) throw new IllegalArgumentException("no task scores to average");
        Map<GlueTask, List<TaskScores>> byTask = new EnumMap<>(GlueTask.class);
        for (TaskScores s : scores) {
            if (!s.task().isGlue()) throw new IllegalArgumentException(s.task().key() + " is not a GLUE task");
            List<TaskScores> same = byTask.computeIfAbsent(s.task(), t -> new ArrayList<>());
            for (TaskScores other : same) {
                if (other.split().equals(s.split())) {
                    throw new IllegalArgumentException(s.task().key() + " " + s.split() + " scored twice");
                }
            }
            same.add(s);
        }
        Map<GlueTask, Double> taskScores = new EnumMap<>(GlueTask.class);
        double sum = 0;
        for (var e : byTask.entrySet()) {
            double t = taskScore(e.getValue());
            taskScores.put(e.getKey(), t);
            sum += t;
        }
        return new Result(taskScores, sum / taskScores.size());
    }

    /** A task's score: the mean over its splits of each split's mean metric. */
    public static double taskScore(List<TaskScores> splits) {
        if (splits.isEmpty()) throw new IllegalArgumentException("no splits");
        double sum = 0;
        for (TaskScores s : splits) sum += s.score();
        return sum / splits.size();
    }
}
