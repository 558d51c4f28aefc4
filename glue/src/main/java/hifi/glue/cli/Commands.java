package hifi.glue.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

import java.util.List;

/** Builds the application's picocli command line: the top command with the global options over the given commands. */
public final class Commands {
    private Commands() {
    }

    /** Every command of {@code hifi}, in the order {@code hifi --help} lists them. */
    public static List<AppCommand> all() {
        return List.of(new ConvertCommand(), new SelectCommand(), new StabilityCommand(), new TrainCommand(), new EvalCommand(), new PredictCommand(),
                new MergeCommand(), new DemoCommand(), new BenchCommand(), new ReportCommand(), new SweepCommand(),
                new DataCommand(), new CompareMethodsCommand(), new CompletionCommand());
    }

    /** A fresh command line (picocli keeps parsed values in the command objects, so one per run). */
    public static CommandLine commandLine(List<? extends AppCommand> commands) {
        CommandLine cli = new CommandLine(new GlobalOptions());
        for (AppCommand c : commands) {
            CommandSpec spec = CommandSpec.forAnnotatedObject(c);
            c.addOptions(spec);
            spec.usageMessage().sortOptions(false).descriptionHeading("%n").optionListHeading("%nFlags:%n");
            cli.addSubcommand(spec.name(), new CommandLine(spec));
        }
        cli.setUsageHelpWidth(120);
        cli.setHelpFactory(FlagHelp::new);
        Converters.register(cli);
        return cli;
    }

}
