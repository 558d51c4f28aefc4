package hifi.glue.run;

import hifi.glue.tasks.GlueTask;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: a task, a method, a seed and a learning rate, plus the other parameters the executor needs
 * (model, data folder, epochs, k, …: the sweep's {@code params}, overridden by its {@code task_params} for this task,
 * overridden by the method entry's own keys).
 *
 * @param task         the task
 * @param methodName   the method entry's name, unique within the sweep ({@code hifi-k2})
 * @param method       the training method the executor runs ({@code hifi}, {@code full}, {@code bitfit}, …)
 * @param seed         the random seed
 * @param learningRate the peak learning rate
 * @param params       the remaining parameters, in a stable order
 */
public record RunSpec(GlueTask task, String methodName, String method, long seed, double learningRate,
                      Map<String, Object> params) {

    public RunSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * The run's folder name, made of its parameters: {@code <task>_<method name>_lr<rate>_s<seed>}, for example
     * {@code rte_hifi-k1_lr3e-4_s2}. Characters other than letters, digits, {@code .} and {@code -} in the method
     * name become {@code -}.
     */
    public String folderName() {
        return task.key() + "_" + methodName.replaceAll("[^A-Za-z0-9.-]", "-") + "_lr" + formatRate(learningRate)
                + "_s" + seed;
    }

    /** A learning rate in short scientific notation: {@code 3e-4}, {@code 2.5e-5}, {@code 1e0}. */
    public static String formatRate(double rate) {
        BigDecimal d = new BigDecimal(Double.toString(rate)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return mantissa + "e" + exponent;
    }

    /** The spec as stored in {@code run.json} and {@code result.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.key());
        m.put("method_name", methodName);
        m.put("method", method);
        m.put("seed", seed);
        m.put("learning_rate", learningRate);
        m.put("params", params);
        return m;
    }
}
