package hifi.glue.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished run reports.
 *
 * @param score           the task's score on its dev split(s) (the mean of its official metrics, as a fraction)
 * @param metrics         the individual dev metrics by key ({@code accuracy}, {@code f1}, …)
 * @param trainableParams parameters that were trained
 * @param totalParams     all parameters of the model
 * @param extra           anything else worth keeping in {@code result.json} (selected heads, best epoch, …)
 */
public record RunResult(double score, Map<String, Double> metrics, long trainableParams, long totalParams,
                        Map<String, Object> extra) {

    public RunResult {
        if (totalParams <= 0 || trainableParams < 0 || trainableParams > totalParams) {
            throw new IllegalArgumentException("bad parameter counts: " + trainableParams + " of " + totalParams);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Trainable parameters as a percentage of all parameters. */
    public double trainablePercent() {
        return 100.0 * trainableParams / totalParams;
    }
}
