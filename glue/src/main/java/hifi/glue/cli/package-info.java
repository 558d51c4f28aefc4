/**
 * The command line, on picocli: the top command with the global options ({@link hifi.glue.cli.GlobalOptions}), one
 * {@link hifi.glue.cli.AppCommand} per command (convert, select, train, eval, predict, merge, demo, bench, report,
 * sweep, data, completion) built by {@link hifi.glue.cli.Commands}, the {@link hifi.glue.cli.Launcher} that maps
 * outcomes to exit codes (0 ok, 1 failure, 2 usage) and one-line messages, and the {@link hifi.glue.cli.ProgressBar}
 * that draws the core code's {@link hifi.glue.progress.Progress}. No other glue package depends on this one.
 */
package hifi.glue.cli;
