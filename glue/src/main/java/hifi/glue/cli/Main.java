package hifi.glue.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code hifi.jar}: {@code hifi <command> [flags]} (the {@code hifi} script) or
 * {@code java --add-modules jdk.incubator.vector -jar glue/target/hifi.jar <command> [flags]}. Started without the
 * module flag, it restarts itself with it ({@link VectorModuleLauncher}).
 */
public final class Main {
    private Main() {
    }

    /** Runs the application with {@code args} and returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new Launcher(Commands.commandLine(Commands.all()), Launcher.debugRequested()).run(args, out, err);
    }

    public static void main(String[] args) throws Exception {
        if (VectorModuleLauncher.relaunchIfNeeded(args, Main.class)) return;
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }
}
