package hifi.glue.cli;

import java.util.Arrays;

/**
 * The command-line entry point of {@code hifi.jar}: {@code java --add-modules jdk.incubator.vector -jar hifi.jar
 * <command> [options]}. (Started without the flag, it restarts itself with it; see {@link VectorModuleLauncher}.)
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            usage: java --add-modules jdk.incubator.vector -jar hifi.jar <command> [options]

            commands:
              demo   train a tiny random BERT on a synthetic classification task and print the loss going down
                     options: --steps N (default 60), --seed S (default 1), --backend simd|reference,
                              --heads-only (train one attention head per layer + the task head, HiFi-style)
            """;

    public static void main(String[] args) throws Exception {
        if (VectorModuleLauncher.relaunchIfNeeded(args, Main.class)) return;
        System.exit(run(args));
    }

    /** Runs one command; returns the process exit code. */
    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "demo" -> DemoCommand.run(rest, System.out);
                default -> {
                    System.err.println("unknown command \"" + args[0] + "\"");
                    System.err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
