package hifi.glue.cli;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.List;

/** Picocli's parse errors as the one-line messages the application prints, each naming the flag. */
final class UsageErrors {
    private UsageErrors() {
    }

    static String message(ParameterException e) {
        String command = e.getCommandLine().getCommandName();
        return switch (e) {
            case UnmatchedArgumentException u -> unmatched(u, command);
            case OverwrittenOptionException o when o.getOverwritten() instanceof OptionSpec option ->
                    "flag " + option.longestName() + " given more than once";
            case MissingParameterException m when m.getMessage().startsWith("Missing required option") -> missing(m.getMissing());
            case MissingParameterException m when !m.getMissing().isEmpty() && m.getMissing().getFirst() instanceof OptionSpec option ->
                    "flag " + option.longestName() + " needs a value (" + option.paramLabel() + ")";
            default -> e.getCause() instanceof TypeConversionException t && e.getArgSpec() instanceof OptionSpec option
                    ? "flag " + option.longestName() + " " + t.getMessage() : e.getMessage();
        };
    }

    private static String unmatched(UnmatchedArgumentException u, String command) {
        String arg = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().getFirst();
        if (!arg.startsWith("--") || arg.length() == 2) return "unexpected argument '" + arg + "' for " + command + " (flags start with --)";
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        List<String> suggestions = u.getSuggestions();
        return "unknown flag " + name + " for " + command
                + (suggestions.isEmpty() ? " (see --help)" : " (did you mean " + suggestions.getFirst() + "?)");
    }

    private static String missing(List<ArgSpec> specs) {
        List<String> names = new ArrayList<>();
        for (ArgSpec a : specs) {
            if (a instanceof OptionSpec o) names.add(o.longestName() + (o.arity().max() == 0 ? "" : " " + o.paramLabel()));
        }
        return "missing required flag" + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
    }
}
