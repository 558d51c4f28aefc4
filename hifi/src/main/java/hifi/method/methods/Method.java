package hifi.method.methods;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The fine-tuning methods, chosen by one command-line flag ({@link #flag()}). */
public enum Method {
    /** The selected heads (Q/K/V row blocks, bias slices, W_O column block) plus the task head. */
    HIFI("hifi", true),
    /** Every parameter. */
    FULL("full", false),
    /** Every bias plus the classifier (BitFit). */
    BITFIT("bitfit", false),
    /** The same number of heads per layer as HiFi, drawn at random with a seed. */
    RANDOM_HEADS("random-heads", true),
    /** Ablation: heads ranked by information richness alone (the mask comes from the scoring pipeline). */
    INFO_ONLY("info-only", true),
    /** Ablation: heads ranked by correlation PageRank with a uniform teleport (mask from the scoring pipeline). */
    CORR_ONLY("corr-only", true),
    /** The classifier only. */
    LINEAR_PROBE("linear-probe", false),
    /** LoRA factors on the targeted projections (peft's {@code LoraConfig}), plus the pooler and classifier whole. */
    LORA("lora", false);

    private final String flag;
    private final boolean trainsHeads;

    Method(String flag, boolean trainsHeads) {
        this.flag = flag;
        this.trainsHeads = trainsHeads;
    }

    /** The command-line spelling, e.g. {@code random-heads}. */
    public String flag() {
        return flag;
    }

    /** True for the methods that train a head selection (and take a head mask or draw one). */
    public boolean trainsHeads() {
        return trainsHeads;
    }

    /** The method spelled {@code flag}; an unknown name lists the valid ones. */
    public static Method fromFlag(String flag) {
        for (Method m : values()) if (m.flag.equals(flag)) return m;
        throw new IllegalArgumentException("unknown method \"" + flag + "\" (one of: "
                + Arrays.stream(values()).map(Method::flag).collect(Collectors.joining(", ")) + ")");
    }
}
