package hifi.glue.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's launcher: picks the {@link Subcommand} named by the first argument, runs it, and turns every
 * outcome into an exit code and a message. {@code Main} needs only
 * {@code System.exit(new CommandLine("hifi", List.of(...)).run(args))}.
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} the command failed (missing file, bad data, wrong
 * model, …), {@value #EXIT_USAGE} the command line is wrong. Errors are printed as one line {@code program command:
 * error: message}; a stack trace only for unexpected exceptions and only when debugging is on ({@code HIFI_DEBUG=1}
 * or {@code -Dhifi.debug=true}).
 */
public final class CommandLine {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private final String program;
    private final Map<String, Subcommand> commands = new LinkedHashMap<>();
    private final boolean debug;

    /** A launcher whose debug switch comes from {@code HIFI_DEBUG} or {@code -Dhifi.debug}. */
    public CommandLine(String program, List<? extends Subcommand> commands) {
        this(program, commands, "1".equals(System.getenv("HIFI_DEBUG")) || Boolean.getBoolean("hifi.debug"));
    }

    public CommandLine(String program, List<? extends Subcommand> commands, boolean debug) {
        this.program = program;
        this.debug = debug;
        for (Subcommand c : commands) {
            if (this.commands.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two subcommands named " + c.name());
            }
        }
    }

    /** Runs with {@code System.out} and {@code System.err}. */
    public int run(String[] args) {
        return run(Arrays.asList(args), System.out, System.err);
    }

    /** Runs the command named by {@code args[0]} and returns the exit code; never throws. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(help());
            return EXIT_USAGE;
        }
        String name = args.getFirst();
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            out.print(help());
            return EXIT_OK;
        }
        Subcommand command = commands.get(name);
        if (command == null) {
            err.println(program + ": unknown command '" + name + "' (commands: " + String.join(", ", commands.keySet())
                    + "; see " + program + " --help)");
            return EXIT_USAGE;
        }
        String prefix = program + " " + name + ": ";
        try {
            return command.run(List.copyOf(args.subList(1, args.size())), out, err);
        } catch (UsageException e) {
            err.println(prefix + "error: " + e.getMessage());
            err.println("run '" + program + " " + name + " --help' for the list of flags");
            return EXIT_USAGE;
        } catch (Exception | Error e) {
            err.println(prefix + "error: " + describe(e));
            if (debug) e.printStackTrace(err);
            else if (isUnexpected(e)) err.println("(set HIFI_DEBUG=1 for the stack trace)");
            return EXIT_FAILURE;
        }
    }

    /** The top-level help: usage and the command list. */
    public String help() {
        StringBuilder sb = new StringBuilder("Usage: " + program + " <command> [flags]\n\nCommands:\n");
        int width = 0;
        for (String n : commands.keySet()) width = Math.max(width, n.length());
        for (Subcommand c : commands.values()) {
            sb.append("  ").append(c.name()).append(" ".repeat(width - c.name().length())).append("  ")
                    .append(c.description()).append('\n');
        }
        sb.append("\nRun '").append(program).append(" <command> --help' for a command's flags.\n");
        return sb.toString();
    }

    /** A one-line account of a failure, naming the file where there is one. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) e = u.getCause();
        return switch (e) {
            case NoSuchFileException n -> n.getReason() != null ? n.getFile() + ": " + n.getReason() : "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            case OutOfMemoryError o -> "out of memory (" + o.getMessage() + "); give the JVM more heap with -Xmx";
            default -> {
                String message = e.getMessage();
                if (message == null || message.isBlank()) yield e.getClass().getSimpleName();
                yield isUnexpected(e) && !(e instanceof IOException) ? e.getClass().getSimpleName() + ": " + message : message;
            }
        };
    }

    /** Whether the failure looks like a bug rather than bad input (so a stack trace may help). */
    private static boolean isUnexpected(Throwable e) {
        return !(e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UncheckedIOException);
    }

    /** The registered command names, in registration order. */
    public List<String> commandNames() {
        return new ArrayList<>(commands.keySet());
    }
}
