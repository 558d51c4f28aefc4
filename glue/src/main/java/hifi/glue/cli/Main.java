package hifi.glue.cli;

import hifi.engine.backend.DeviceUnavailableException;
import hifi.glue.train.GlueRunExecutor;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The entry point of {@code hifi.jar}: {@code hifi <command> [flags]} (the {@code hifi} script) or
 * {@code java --add-modules jdk.incubator.vector -jar glue/target/hifi.jar <command> [flags]}. Started without the
 * module flag, it restarts itself with it ({@link VectorModuleLauncher}).
 */
public final class Main {
    /** Commands that never touch the compute kernels, so they run without the Vector API. */
    private static final Set<String> WITHOUT_KERNELS = Set.of("convert", "data", "report", "merge", "help", "--help", "-h");

    private Main() {
    }

    /** The application's commands. */
    static CommandLine commandLine() {
        return new CommandLine(FlagCommand.PROGRAM, List.of(
                new ConvertSubcommand(), new SelectSubcommand(), new TrainCommand(), new EvalCommand(), new PredictCommand(),
                new MergeCommand(),
                new DemoCommand(), new BenchCommand(), new ReportCommand(), new SweepCommand(new GlueRunExecutor(System.err, ProgressBar::create)),
                new DataCommand())).footer(GlobalOptions.HELP);
    }

    /** Applies the global options, then runs the command; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        GlobalOptions.Applied global;
        try {
            global = GlobalOptions.apply(args);
        } catch (UsageException e) {
            err.println(FlagCommand.PROGRAM + ": error: " + e.getMessage());
            return CommandLine.EXIT_USAGE;
        } catch (DeviceUnavailableException e) {
            err.println(FlagCommand.PROGRAM + ": error: " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        }
        List<String> rest = global.rest();
        String backend = global.backend() != null ? global.backend() : System.getProperty("hifi.backend", "simd");
        boolean needsKernels = !rest.isEmpty() && !WITHOUT_KERNELS.contains(rest.getFirst()) && !rest.contains("--help") && !rest.contains("-h");
        if (needsKernels && !VectorModuleLauncher.available() && !backend.equals("reference")) {
            err.println(FlagCommand.PROGRAM + ": error: " + VectorModuleLauncher.MISSING);
            return CommandLine.EXIT_FAILURE;
        }
        return commandLine().run(rest, out, err);
    }

    public static void main(String[] args) throws Exception {
        if (VectorModuleLauncher.relaunchIfNeeded(args, Main.class)) return;
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }
}
