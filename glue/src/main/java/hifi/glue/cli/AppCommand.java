package hifi.glue.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * One command of the application ({@code train}, {@code eval}, …): a picocli {@code @Command} whose options picocli
 * has filled in when {@link #execute} runs. {@link Launcher} turns its outcome into the exit code.
 */
public abstract class AppCommand {
    @Option(names = {"-h", "--help"}, usageHelp = true, order = 1000, description = "show this help")
    private boolean help;

    /**
     * Runs the command.
     *
     * @return the exit code: {@link Exit#OK}, {@link Exit#FAILURE} or {@link Exit#USAGE}
     * @throws UsageException for a bad command line found after parsing (exit 2)
     * @throws Exception      for anything else that stops the command (exit 1, one line naming the file, flag or row)
     */
    protected abstract int execute(Invocation run) throws Exception;

    /** Whether the command runs the compute kernels (and so needs the Vector API unless the backend is the reference one). */
    protected boolean computes() {
        return true;
    }

    /** Adds options that are declared elsewhere than in annotations (the hyperparameters); called once, before parsing. */
    protected void addOptions(CommandSpec spec) {
    }
}
