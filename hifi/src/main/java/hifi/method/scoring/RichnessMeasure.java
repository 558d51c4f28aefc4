package hifi.method.scoring;

/**
 * Information richness of one head on one example, from the singular values of its output {@code O_h}
 * ({@code n} non-padding tokens × {@code d_h}). The statistics pass averages it over the calibration sample.
 * Names ({@link #name()}) are the values of the {@code --richness} switch.
 */
public interface RichnessMeasure {

    /** The switch value, e.g. {@code nuclear} or {@code topk_energy:8}. */
    String name();

    /**
     * @param sigma  singular values of {@code O_h}, descending, all ≥ 0
     * @param tokens {@code n}, the number of rows of {@code O_h}
     */
    double of(double[] sigma, int tokens);

    /** The default, {@code nuclear}. */
    static RichnessMeasure defaultMeasure() {
        return new NuclearNormRichness();
    }

    /**
     * Parses a switch value: {@code nuclear}, {@code entropy_rank}, {@code thresh_rank} or {@code thresh_rank:EPS}
     * (default ε = 1e-3), {@code topk_energy} or {@code topk_energy:T} (default t = 8).
     */
    static RichnessMeasure byName(String spec) {
        String name = spec.trim();
        String arg = null;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            arg = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        try {
            return switch (name) {
                case "nuclear" -> noArgument(spec, arg, new NuclearNormRichness());
                case "entropy_rank" -> noArgument(spec, arg, new EntropyRankRichness());
                case "thresh_rank" -> new ThresholdRankRichness(arg == null ? ThresholdRankRichness.DEFAULT_EPSILON : Double.parseDouble(arg));
                case "topk_energy" -> new TopEnergyRichness(arg == null ? TopEnergyRichness.DEFAULT_TOP : Integer.parseInt(arg));
                default -> throw new IllegalArgumentException("unknown richness measure \"" + spec
                        + "\" (use nuclear, entropy_rank, thresh_rank[:eps] or topk_energy[:t])");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad parameter in richness measure \"" + spec + "\": " + e.getMessage());
        }
    }

    private static RichnessMeasure noArgument(String spec, String arg, RichnessMeasure m) {
        if (arg != null) throw new IllegalArgumentException("richness measure \"" + spec + "\" takes no parameter");
        return m;
    }
}
