package hifi.glue.cli;

import hifi.glue.cli.FlagSpec.FlagType;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The parsed values of a command line, typed as declared in {@link Flags}. Asking for a flag that was not declared,
 * or with the wrong type, is a programming error ({@link IllegalArgumentException}); asking for an optional flag
 * without a default that was not given returns null (check with {@link #has}).
 */
public final class FlagValues {
    private final String command;
    private final Map<String, FlagSpec> specs;
    private final Map<String, Object> values;

    FlagValues(String command, Map<String, FlagSpec> specs, Map<String, Object> values) {
        this.command = command;
        this.specs = specs;
        this.values = values;
    }

    /** Whether the flag has a value (given, or defaulted). */
    public boolean has(String name) {
        spec(name);
        return values.containsKey(name);
    }

    public String string(String name) {
        return (String) get(name, FlagType.STRING, FlagType.CHOICE);
    }

    public Path path(String name) {
        return (Path) get(name, FlagType.PATH);
    }

    public int integer(String name) {
        return (Integer) require(name, FlagType.INT);
    }

    public long longInteger(String name) {
        return (Long) require(name, FlagType.LONG);
    }

    public double decimal(String name) {
        return (Double) require(name, FlagType.DOUBLE);
    }

    public boolean bool(String name) {
        return (Boolean) require(name, FlagType.BOOLEAN);
    }

    private Object require(String name, FlagType type) {
        Object v = get(name, type);
        if (v == null) throw new IllegalStateException(command + ": optional flag --" + name + " has no value; check has() first");
        return v;
    }

    private Object get(String name, FlagType... types) {
        FlagSpec spec = spec(name);
        for (FlagType t : types) if (spec.type() == t) return values.get(name);
        throw new IllegalArgumentException("flag --" + name + " of " + command + " is " + spec.type());
    }

    private FlagSpec spec(String name) {
        FlagSpec spec = specs.get(name);
        if (spec == null) throw new IllegalArgumentException(command + " declares no flag --" + name);
        return spec;
    }

    /** Parses a raw value for {@code spec}, or throws a {@link UsageException} naming the flag. */
    static Object convert(FlagSpec spec, String raw) {
        String flag = "--" + spec.name();
        try {
            return switch (spec.type()) {
                case STRING -> raw;
                case PATH -> {
                    if (raw.isEmpty()) throw new UsageException("flag " + flag + " needs a non-empty path");
                    yield Path.of(raw);
                }
                case INT -> Integer.parseInt(raw.strip());
                case LONG -> Long.parseLong(raw.strip());
                case DOUBLE -> {
                    double d = Double.parseDouble(raw.strip());
                    if (!Double.isFinite(d) || raw.strip().matches(".*[a-zA-Z&&[^eE]].*")) throw new NumberFormatException();
                    yield d;
                }
                case BOOLEAN -> switch (raw) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new UsageException("flag " + flag + " is a switch: give it alone, or as "
                            + flag + "=true / " + flag + "=false, not '" + raw + "'");
                };
                case CHOICE -> {
                    if (!spec.choices().contains(raw)) {
                        throw new UsageException("flag " + flag + " must be one of " + String.join(", ", spec.choices())
                                + ", got '" + raw + "'");
                    }
                    yield raw;
                }
            };
        } catch (NumberFormatException e) {
            String what = switch (spec.type()) {
                case INT -> "an integer";
                case LONG -> "a whole number";
                default -> "a finite number";
            };
            throw new UsageException("flag " + flag + " expects " + what + ", got '" + raw + "'");
        } catch (InvalidPathException e) {
            throw new UsageException("flag " + flag + ": invalid path '" + raw + "' (" + e.getReason() + ")");
        }
    }
}
