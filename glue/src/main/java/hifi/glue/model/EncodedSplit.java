package hifi.glue.model;

import hifi.engine.tokenizer.Encoding;
import hifi.glue.metrics.OfficialMetrics;
import hifi.glue.metrics.TaskScores;
import hifi.glue.tasks.TaskSplit;

import java.util.List;

/**
 * A split with the encodings of its examples (same order).
 *
 * @param split     the examples as read
 * @param encodings their unpadded encodings
 */
public record EncodedSplit(TaskSplit split, List<Encoding> encodings) {

    public EncodedSplit {
        encodings = List.copyOf(encodings);
        if (encodings.size() != split.size()) {
            throw new IllegalArgumentException(encodings.size() + " encodings for " + split.size() + " examples");
        }
    }

    public static EncodedSplit of(TaskSplit split, TaskEncoder encoder) {
        return new EncodedSplit(split, encoder.encodeAll(split.examples()));
    }

    public int size() {
        return encodings.size();
    }

    /** Total tokens (for rates and sanity checks). */
    public long tokens() {
        long n = 0;
        for (Encoding e : encodings) n += e.length();
        return n;
    }

    /** The task's official metrics of {@code predictions} against this (labelled) split's gold answers. */
    public TaskScores score(Predictions predictions) {
        if (predictions.size() != size()) throw new IllegalArgumentException(predictions.size() + " predictions for " + size() + " examples");
        return predictions.isRegression()
                ? OfficialMetrics.ofScores(split.task(), split.split(), split.examples(), predictions.scores())
                : OfficialMetrics.ofClasses(split.task(), split.split(), split.examples(), predictions.classes());
    }
}
