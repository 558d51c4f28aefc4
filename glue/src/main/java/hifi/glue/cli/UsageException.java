package hifi.glue.cli;

/**
 * A command line that cannot be run as given, found by a command after parsing (a value out of range, flags that do
 * not fit together). The launcher prints the message (never a stack trace) and exits with {@link Exit#USAGE}.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
