package hifi.glue.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of the application ({@code train}, {@code eval}, …). {@link CommandLine} dispatches to it by
 * {@link #name()}. Output goes to the given streams (results to {@code out}, progress and diagnostics to
 * {@code err}) so commands can be tested without touching {@code System.out}.
 */
public interface Subcommand {

    /** The word that selects this command. */
    String name();

    /** One line for the application's command list. */
    String description();

    /**
     * Runs the command with the arguments that follow its name.
     *
     * @return the process exit code: {@link CommandLine#EXIT_OK}, {@link CommandLine#EXIT_FAILURE} or
     * {@link CommandLine#EXIT_USAGE}
     * @throws UsageException for a bad command line (the launcher prints it and exits 2)
     * @throws Exception      for anything else that stops the command (the launcher prints its message and exits 1)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
