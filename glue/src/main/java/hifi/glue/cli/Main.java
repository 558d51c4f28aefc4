package hifi.glue.cli;

import hifi.glue.report.ReportCommand;

import java.util.List;

/**
 * The entry point of {@code hifi.jar}: {@code java --add-modules jdk.incubator.vector -jar hifi.jar <command> [flags]}.
 * Started without the flag, it restarts itself with it ({@link VectorModuleLauncher}).
 */
public final class Main {
    private Main() {
    }

    /** The application's commands. */
    static CommandLine commandLine() {
        return new CommandLine("hifi", List.of(new DemoCommand(), new DataCommand("hifi"), new ReportCommand("hifi")));
    }

    public static void main(String[] args) throws Exception {
        if (VectorModuleLauncher.relaunchIfNeeded(args, Main.class)) return;
        System.exit(commandLine().run(args));
    }
}
