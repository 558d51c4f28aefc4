package hifi.glue.cli;

import hifi.engine.backend.Backend;

import java.io.PrintStream;

/**
 * What a command runs with: results go to {@code out}, progress and diagnostics to {@code err}, and the compute
 * backend is the one the global options chose (created once, when first asked for).
 */
public record Invocation(PrintStream out, PrintStream err, GlobalOptions options) {
    /** The backend named by {@code --device}/{@code --backend}, or the default one. */
    public Backend backend() {
        return options.backend();
    }
}
