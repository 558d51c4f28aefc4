package hifi.glue.cli;

/**
 * A command line that cannot be run as given: an unknown flag, a missing value, a bad number, a missing required
 * flag. The launcher prints the message (never a stack trace) and exits with {@link CommandLine#EXIT_USAGE}.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
