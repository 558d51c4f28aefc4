package hifi.glue.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A {@link Subcommand} whose arguments are declared {@link Flags}: it handles {@code --help} (prints the flag list
 * to {@code out}, exits 0) and parses the flags before calling {@link #execute}. Usage errors propagate as
 * {@link UsageException} to the launcher, which prints them with a pointer to {@code --help} and exits 2.
 */
public abstract class FlagCommand implements Subcommand {
    /** The application's name, as shown in help when no other is given. */
    public static final String PROGRAM = "hifi";

    private final String program;

    /** A command of the {@value #PROGRAM} application. */
    protected FlagCommand() {
        this(PROGRAM);
    }

    /** @param program the application name shown in help */
    protected FlagCommand(String program) {
        this.program = program;
    }

    /** The flags this command accepts; {@link Flags#command()} should equal {@link #name()}. */
    protected abstract Flags flags();

    /** Runs the command with parsed flags and returns the exit code. */
    protected abstract int execute(FlagValues flags, PrintStream out, PrintStream err) throws Exception;

    @Override
    public String description() {
        return flags().summary();
    }

    @Override
    public final int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = flags();
        FlagValues values;
        try {
            values = flags.parse(args);
        } catch (HelpRequested h) {
            out.print(flags.help(program));
            return CommandLine.EXIT_OK;
        }
        return execute(values, out, err);
    }
}
