package hifi.glue.cli;

/** Thrown by the flag parser when {@code --help} or {@code -h} is given; the caller prints the help and exits 0. */
public final class HelpRequested extends RuntimeException {
    public HelpRequested() {
        super("help requested", null, false, false);
    }
}
