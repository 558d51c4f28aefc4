package hifi.glue.cli;

import hifi.engine.backend.DeviceUnavailableException;
import hifi.engine.io.ModelFormatException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Runs the application's picocli command line and turns every outcome into an exit code and a message:
 * {@value Exit#OK} success, {@value Exit#FAILURE} the command failed, {@value Exit#USAGE} the command line is wrong.
 * Errors are one line, {@code hifi command: error: message}; a stack trace only for unexpected exceptions and only
 * when debugging is on ({@code HIFI_DEBUG=1} or {@code -Dhifi.debug=true}). {@code --help} prints to {@code out} and
 * exits 0, wherever it stands.
 */
public final class Launcher {
    private final CommandLine cli;
    private final boolean debug;

    /** @param cli the application's command line ({@link Commands#commandLine}) */
    public Launcher(CommandLine cli, boolean debug) {
        this.cli = cli;
        this.debug = debug;
    }

    /** Whether {@code HIFI_DEBUG=1} or {@code -Dhifi.debug=true} asks for stack traces. */
    public static boolean debugRequested() {
        return "1".equals(System.getenv("HIFI_DEBUG")) || Boolean.getBoolean("hifi.debug");
    }

    /** Runs {@code args}; never throws. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        String program = cli.getCommandName();
        if (!args.isEmpty() && args.getFirst().equals("help")) {
            cli.usage(out);
            return Exit.OK;
        }
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            CommandLine where = e.getCommandLine();
            if (args.contains("--help") || args.contains("-h")) {
                where.usage(out);
                return Exit.OK;
            }
            if (where == cli && e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().getFirst().startsWith("-")) {
                err.println(program + ": unknown command '" + u.getUnmatched().getFirst() + "' (commands: "
                        + String.join(", ", cli.getSubcommands().keySet()) + "; see " + program + " --help)");
                return Exit.USAGE;
            }
            usageError(where, UsageErrors.message(e), err);
            return Exit.USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) return Exit.OK;
        if (!parsed.hasSubcommand()) {
            cli.usage(err);
            return Exit.USAGE;
        }
        CommandLine leaf = parsed.subcommand().commandSpec().commandLine();
        GlobalOptions global = cli.getCommand();
        AppCommand command = leaf.getCommand();
        try {
            global.apply();
        } catch (UsageException e) {
            err.println(program + ": error: " + e.getMessage());
            return Exit.USAGE;
        } catch (DeviceUnavailableException e) {
            err.println(program + ": error: " + e.getMessage());
            return Exit.FAILURE;
        }
        String backend = global.backendName() != null ? global.backendName() : System.getProperty("hifi.backend", "simd");
        if (command.computes() && !VectorModuleLauncher.available() && !backend.equals("reference")) {
            err.println(program + ": error: " + VectorModuleLauncher.MISSING);
            return Exit.FAILURE;
        }
        String prefix = program + " " + leaf.getCommandName() + ": ";
        try {
            return command.execute(new Invocation(out, err, global));
        } catch (UsageException e) {
            usageError(leaf, e.getMessage(), err);
            return Exit.USAGE;
        } catch (Exception | Error e) {
            err.println(prefix + "error: " + describe(e));
            if (debug) e.printStackTrace(err);
            else if (isUnexpected(e)) err.println("(set HIFI_DEBUG=1 for the stack trace)");
            return Exit.FAILURE;
        }
    }

    private static void usageError(CommandLine where, String message, PrintStream err) {
        String name = where.getCommandSpec().qualifiedName(" ");
        err.println(name + ": error: " + message);
        err.println("run '" + name + " --help' for the list of flags");
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
                || e instanceof UncheckedIOException || e instanceof ModelFormatException);
    }
}
