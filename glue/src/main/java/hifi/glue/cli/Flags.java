package hifi.glue.cli;

import hifi.glue.cli.FlagSpec.FlagType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags a subcommand accepts, declared once, then used both to parse the command line and to print
 * {@code --help}. Syntax: {@code --name value} or {@code --name=value}; a boolean flag is {@code --name} (or
 * {@code --name=true|false}) and never takes the next word; {@code -h}/{@code --help} anywhere asks for help.
 * Every mistake is a {@link UsageException} whose message names the flag: unknown flags (with a "did you mean"),
 * a missing value, a value of the wrong type, a value outside a choice, a flag given twice, a missing required flag,
 * a stray positional word.
 *
 * <pre>{@code
 * Flags flags = new Flags("select", "Rank attention heads and pick the top k per layer.")
 *         .path("model", "DIR", Flags.REQUIRED, "converted model directory")
 *         .integer("samples", "N", "256", "calibration examples")
 *         .choice("variant", List.of("A", "B", "C"), "B", "graph variant")
 *         .bool("verbose", "print per-head scores");
 * FlagValues v = flags.parse(args);
 * }</pre>
 */
public final class Flags {
    /** Pass as the default to make a flag required. */
    public static final String REQUIRED = "\u0000required";

    private final String command;
    private final String summary;
    private final Map<String, FlagSpec> specs = new LinkedHashMap<>();

    /** @param command the subcommand name, used in messages; @param summary the paragraph shown by {@code --help} */
    public Flags(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    public String command() {
        return command;
    }

    public String summary() {
        return summary;
    }

    /** The declared flags in declaration order. */
    public List<FlagSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** A free-text flag. {@code defaultValue}: a value, null (optional, no default) or {@link #REQUIRED}. */
    public Flags string(String name, String valueName, String defaultValue, String description) {
        return add(name, FlagType.STRING, valueName, defaultValue, List.of(), description);
    }

    /** A file or folder flag. */
    public Flags path(String name, String valueName, String defaultValue, String description) {
        return add(name, FlagType.PATH, valueName, defaultValue, List.of(), description);
    }

    /** A 32-bit integer flag. */
    public Flags integer(String name, String valueName, String defaultValue, String description) {
        return add(name, FlagType.INT, valueName, defaultValue, List.of(), description);
    }

    /** A 64-bit integer flag (seeds, byte counts). */
    public Flags longInteger(String name, String valueName, String defaultValue, String description) {
        return add(name, FlagType.LONG, valueName, defaultValue, List.of(), description);
    }

    /** A finite floating-point flag ({@code 3e-4}, {@code 0.1}). */
    public Flags decimal(String name, String valueName, String defaultValue, String description) {
        return add(name, FlagType.DOUBLE, valueName, defaultValue, List.of(), description);
    }

    /** One value out of a fixed list. */
    public Flags choice(String name, List<String> choices, String defaultValue, String description) {
        return add(name, FlagType.CHOICE, String.join("|", choices), defaultValue, List.copyOf(choices), description);
    }

    /** A boolean switch, false unless given. */
    public Flags bool(String name, String description) {
        return add(name, FlagType.BOOLEAN, "", "false", List.of(), description);
    }

    private Flags add(String name, FlagType type, String valueName, String defaultValue, List<String> choices,
                      String description) {
        if (!name.matches("[a-z0-9][a-z0-9-]*") || name.equals("help")) {
            throw new IllegalArgumentException("bad flag name '" + name + "'");
        }
        if (specs.containsKey(name)) throw new IllegalArgumentException("flag --" + name + " declared twice");
        boolean required = REQUIRED.equals(defaultValue);
        FlagSpec spec = new FlagSpec(name, type, valueName, required ? null : defaultValue, required, choices, description);
        if (spec.defaultValue() != null) {
            try {
                FlagValues.convert(spec, spec.defaultValue());
            } catch (UsageException e) {
                throw new IllegalArgumentException("bad default for --" + name + ": " + e.getMessage(), e);
            }
        }
        specs.put(name, spec);
        return this;
    }

    /**
     * Parses {@code args}.
     *
     * @throws HelpRequested  if {@code --help} or {@code -h} is among them
     * @throws UsageException for any mistake, with a message naming the flag
     */
    public FlagValues parse(List<String> args) {
        for (String a : args) if (a.equals("--help") || a.equals("-h")) throw new HelpRequested();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' for " + command + " (flags start with --)");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            FlagSpec spec = specs.get(name);
            if (spec == null) throw new UsageException("unknown flag --" + name + " for " + command + suggestion(name));
            if (values.containsKey(name)) throw new UsageException("flag --" + name + " given more than once");
            String raw;
            if (eq >= 0) {
                raw = arg.substring(eq + 1);
            } else if (spec.type() == FlagType.BOOLEAN) {
                raw = "true";
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                raw = args.get(++i);
            } else {
                throw new UsageException("flag --" + name + " needs a value (" + spec.valueName() + ")");
            }
            values.put(name, FlagValues.convert(spec, raw));
        }
        List<String> missing = new ArrayList<>();
        for (FlagSpec spec : specs.values()) {
            if (values.containsKey(spec.name())) continue;
            if (spec.required()) missing.add(spec.usage());
            else if (spec.defaultValue() != null) values.put(spec.name(), FlagValues.convert(spec, spec.defaultValue()));
        }
        if (!missing.isEmpty()) {
            throw new UsageException("missing required flag" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        }
        return new FlagValues(command, specs, values);
    }

    /** The help text: usage line, summary and one line per flag. */
    public String help(String program) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(program).append(' ').append(command).append(" [flags]\n\n");
        sb.append(summary).append("\n\nFlags:\n");
        int width = "-h, --help".length();
        for (FlagSpec s : specs.values()) width = Math.max(width, s.usage().length());
        for (FlagSpec s : specs.values()) {
            sb.append("  ").append(pad(s.usage(), width)).append("  ").append(s.description());
            if (s.required()) sb.append(" (required)");
            else if (s.defaultValue() != null && s.type() != FlagType.BOOLEAN) {
                sb.append(" (default: ").append(s.defaultValue()).append(')');
            }
            sb.append('\n');
        }
        sb.append("  ").append(pad("-h, --help", width)).append("  show this help\n");
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private String suggestion(String name) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : specs.keySet()) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best == null ? " (see --help)" : " (did you mean --" + best + "?)";
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
