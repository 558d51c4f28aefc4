package hifi.glue.train;

import hifi.engine.nn.LoraConfig;
import hifi.method.methods.MethodSpec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values of every {@link Hyperparameter}: the defaults, overridden by {@link #with}; each value is checked against
 * its hyperparameter's range when set (an {@link IllegalArgumentException} naming it).
 */
public final class Hyperparameters {
    private final Map<Hyperparameter, Object> values;

    private Hyperparameters(Map<Hyperparameter, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every hyperparameter at its default. */
    public static Hyperparameters defaults() {
        Map<Hyperparameter, Object> m = new EnumMap<>(Hyperparameter.class);
        for (Hyperparameter h : Hyperparameter.values()) m.put(h, h.parse(h.defaultValue()));
        return new Hyperparameters(m);
    }

    /** A copy with {@code h} set to {@code value} (an Integer, Long, Double or Boolean as {@link Hyperparameter#type()} says). */
    public Hyperparameters with(Hyperparameter h, Object value) {
        Object typed = switch (h.type()) {
            case INT -> (Integer) value;
            case LONG -> value instanceof Integer i ? Long.valueOf(i) : (Long) value;
            case DOUBLE -> value instanceof Number n ? Double.valueOf(n.doubleValue()) : (Double) value;
            case BOOLEAN -> (Boolean) value;
            case STRING -> (String) value;
        };
        h.check(typed);
        Map<Hyperparameter, Object> m = new EnumMap<>(values);
        m.put(h, typed);
        return new Hyperparameters(m);
    }

    public int integer(Hyperparameter h) {
        return (Integer) values.get(h);
    }

    public long longInteger(Hyperparameter h) {
        return (Long) values.get(h);
    }

    public double decimal(Hyperparameter h) {
        return (Double) values.get(h);
    }

    public boolean bool(Hyperparameter h) {
        return (Boolean) values.get(h);
    }

    public String text(Hyperparameter h) {
        return (String) values.get(h);
    }

    /** The LoRA settings ({@code --lora-r}, {@code --lora-alpha}, {@code --lora-dropout}, {@code --lora-targets}). */
    public LoraConfig loraConfig() {
        return MethodSpec.loraConfig(integer(Hyperparameter.LORA_R), decimal(Hyperparameter.LORA_ALPHA),
                decimal(Hyperparameter.LORA_DROPOUT), text(Hyperparameter.LORA_TARGETS));
    }

    /**
     * The recorded hyperparameters by {@link Hyperparameter#recordKey()}, in definition order; the LoRA settings only
     * when {@code lora} (a run of method lora), the head-selection settings only when {@code selection} (a run that
     * selects its heads).
     */
    public Map<String, Object> recorded(boolean lora, boolean selection) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Hyperparameter h : Hyperparameter.values()) {
            if (h.recordKey() != null && (lora || !h.isLora()) && (selection || !h.isSelection())) m.put(h.recordKey(), values.get(h));
        }
        return m;
    }
}
