package hifi.glue.cli;

/** The application's exit codes. */
public final class Exit {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The command failed: a missing file, bad data, a wrong model, … (one line naming it on stderr). */
    public static final int FAILURE = 1;
    /** The command line is wrong: an unknown command or flag, a bad value, a missing required flag. */
    public static final int USAGE = 2;

    private Exit() {
    }
}
