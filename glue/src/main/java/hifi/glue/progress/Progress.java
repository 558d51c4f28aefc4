package hifi.glue.progress;

/**
 * The progress of one long loop (head selection, training, evaluation), reported by the code that runs it and shown by
 * whoever started it: the command line draws a progress bar, tests and library callers may ignore it
 * ({@link #NONE}). Loops get one from a {@link ProgressReporter}.
 */
public interface Progress extends AutoCloseable {
    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void resumeAt(long value) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void set(long value) {
        }

        @Override
        public void status(String text) {
        }

        @Override
        public void close() {
        }
    };

    /** Starts from {@code value} units already done (work finished before a resume). */
    void resumeAt(long value);

    /** Records {@code n} more units of finished work. */
    void advance(long n);

    /** Sets the amount of finished work. */
    void set(long value);

    /** A short text shown with the numbers (for example the running loss). */
    void status(String text);

    /** The loop has ended. */
    @Override
    void close();
}
