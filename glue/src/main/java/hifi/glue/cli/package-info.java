/**
 * Command-line plumbing: declared {@link hifi.glue.cli.Flags} with {@code --help}, the
 * {@link hifi.glue.cli.Subcommand} interface and its flag-parsing base {@link hifi.glue.cli.FlagCommand}, the
 * {@link hifi.glue.cli.CommandLine} launcher that maps outcomes to exit codes (0 ok, 1 failure, 2 usage), and a
 * {@link hifi.glue.cli.ProgressBar}.
 */
package hifi.glue.cli;
