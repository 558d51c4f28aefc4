package hifi.glue.cli;

import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.MalformedRowPolicy;
import hifi.method.methods.Method;
import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.scoring.RichnessMeasure;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How option values are read, with messages that say what was expected ({@code expects an integer, got 'two'};
 * {@link UsageErrors} puts the flag in front). Registered on the whole command line by {@link #register}.
 */
final class Converters {
    private Converters() {
    }

    static void register(CommandLine cli) {
        cli.registerConverter(Integer.class, Converters::integer).registerConverter(int.class, Converters::integer)
                .registerConverter(Long.class, Converters::longInteger).registerConverter(long.class, Converters::longInteger)
                .registerConverter(Double.class, Converters::decimal).registerConverter(double.class, Converters::decimal)
                .registerConverter(Boolean.class, Converters::bool).registerConverter(boolean.class, Converters::bool)
                .registerConverter(Path.class, Converters::path)
                .registerConverter(GlueTask.class, choice(taskKeys(), GlueTask::byName))
                .registerConverter(Method.class, choice(methodNames(), Method::fromFlag))
                .registerConverter(GraphVariant.class, v -> parsed(v, GraphVariant::byName))
                .registerConverter(GraphScope.class, v -> parsed(v, GraphScope::byName))
                .registerConverter(RichnessMeasure.class, v -> parsed(v, RichnessMeasure::byName))
                .registerConverter(CorrelationMeasure.class, v -> parsed(v, CorrelationMeasure::byName))
                .registerConverter(MalformedRowPolicy.class, choice(List.of("fail", "skip"),
                        s -> MalformedRowPolicy.valueOf(s.toUpperCase(Locale.ROOT))));
    }

    /** The task keys, for {@code --task}. */
    static List<String> taskKeys() {
        return Arrays.stream(GlueTask.values()).map(GlueTask::key).toList();
    }

    /** The method flags, for {@code --method}. */
    static List<String> methodNames() {
        return Arrays.stream(Method.values()).map(Method::flag).toList();
    }

    static Integer integer(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expects an integer, got '" + raw + "'");
        }
    }

    static Long longInteger(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expects a whole number, got '" + raw + "'");
        }
    }

    static Double decimal(String raw) {
        try {
            double d = Double.parseDouble(raw.strip());
            if (!Double.isFinite(d) || raw.strip().matches(".*[a-zA-Z&&[^eE]].*")) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expects a finite number, got '" + raw + "'");
        }
    }

    static Boolean bool(String raw) {
        return switch (raw) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new TypeConversionException("is a switch: give it alone, or as =true / =false, not '" + raw + "'");
        };
    }

    static Path path(String raw) {
        if (raw.isEmpty()) throw new TypeConversionException("needs a non-empty path");
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("is not a valid path: '" + raw + "' (" + e.getReason() + ")");
        }
    }

    /** One of {@code names}, exactly as spelled there, read with {@code parse}. */
    static <T> ITypeConverter<T> choice(List<String> names, Function<String, T> parse) {
        return raw -> {
            if (!names.contains(raw)) throw new TypeConversionException("must be one of " + String.join(", ", names) + ", got '" + raw + "'");
            return parse.apply(raw);
        };
    }

    /** A value read by {@code parse}, whose {@link IllegalArgumentException} becomes the message. */
    static <T> T parsed(String raw, Function<String, T> parse) {
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
