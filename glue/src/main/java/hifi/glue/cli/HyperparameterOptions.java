package hifi.glue.cli;

import hifi.glue.train.Hyperparameter;
import hifi.glue.train.Hyperparameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Map;

/**
 * The command-line options of {@link Hyperparameter}s, made from their definitions and added to a command's spec
 * (a command may give some of them its own default or description), and read back as {@link Hyperparameters}.
 */
final class HyperparameterOptions {
    private HyperparameterOptions() {
    }

    /** Adds the options of {@code which}; {@code defaults} and {@code descriptions} override the definitions' own. */
    static void add(CommandSpec spec, List<Hyperparameter> which, Map<Hyperparameter, String> defaults,
                    Map<Hyperparameter, String> descriptions) {
        for (Hyperparameter h : which) {
            String description = descriptions.getOrDefault(h, h.description());
            OptionSpec.Builder option = OptionSpec.builder("--" + h.flag()).order(50 + h.ordinal());
            if (h.type() == Hyperparameter.Type.BOOLEAN) {
                spec.addOption(option.type(boolean.class).arity("0").defaultValue("false").description(description).build());
                continue;
            }
            String defaultValue = defaults.getOrDefault(h, h.defaultValue());
            spec.addOption(option.type(switch (h.type()) {
                case INT -> int.class;
                case LONG -> long.class;
                case STRING -> String.class;
                default -> double.class;
            }).paramLabel(h.valueName()).defaultValue(defaultValue).description(description + " (default: " + defaultValue + ")").build());
        }
    }

    /** The values given (or defaulted) for the options of {@code which}; the others keep their definitions' defaults. */
    static Hyperparameters read(CommandSpec spec, List<Hyperparameter> which) {
        Hyperparameters values = Hyperparameters.defaults();
        try {
            for (Hyperparameter h : which) {
                Object given = spec.findOption("--" + h.flag()).getValue();
                values = values.with(h, h.negatedFlag() ? !(Boolean) given : given);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return values;
    }
}
