package hifi.engine.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * LoRA's settings, with the meaning of peft's {@code LoraConfig}: rank {@code r}, {@code alpha} (the update is scaled by
 * {@code alpha / r}), the dropout on the LoRA branch's input, and the target modules as a list of names. No bias is
 * trained ({@code bias = "none"}), the base weight is stored {@code [out, in]} ({@code fan_in_fan_out = false}).
 *
 * <p>A module is targeted by peft's rule for a list: its name (e.g.
 * {@code bert.encoder.layer.0.attention.self.query}) equals a target or ends with {@code "." + target}. So
 * {@code output.dense} targets both {@code attention.output.dense} and the feed-forward {@code output.dense}.
 */
public record LoraConfig(int r, float alpha, float dropout, List<String> targets) {

    public LoraConfig {
        if (r < 1) throw new IllegalArgumentException("LoRA rank r must be ≥ 1, got " + r);
        if (!(alpha > 0f) || !Float.isFinite(alpha)) throw new IllegalArgumentException("LoRA alpha must be > 0, got " + alpha);
        if (!(dropout >= 0f && dropout < 1f)) throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        if (targets == null || targets.isEmpty()) throw new IllegalArgumentException("LoRA needs at least one target module");
        List<String> seen = new ArrayList<>();
        for (String t : targets) {
            if (t == null || t.isBlank() || t.startsWith(".") || t.endsWith(".")) {
                throw new IllegalArgumentException("LoRA target module \"" + t + "\" is not a module name");
            }
            if (seen.contains(t)) throw new IllegalArgumentException("LoRA target module \"" + t + "\" is listed twice");
            seen.add(t);
        }
        targets = List.copyOf(targets);
    }

    /** The factor of the low-rank update, {@code alpha / r}. */
    public float scaling() {
        return alpha / r;
    }

    /** True if the module called {@code moduleName} gets a LoRA branch (peft's matching of a list of names). */
    public boolean targets(String moduleName) {
        for (String t : targets) if (moduleName.equals(t) || moduleName.endsWith("." + t)) return true;
        return false;
    }
}
