/**
 * Progress reporting: the {@link hifi.glue.progress.Progress} of a loop that core code reports through, the
 * {@link hifi.glue.progress.ProgressReporter} that starts one (the command line passes its progress bar), and the
 * clock-time format of durations.
 */
package hifi.glue.progress;
