package hifi.glue.progress;

import java.util.Locale;

/** Durations as a clock shows them: {@code m:ss}, or {@code h:mm:ss} from an hour on. */
public final class ClockTime {
    private ClockTime() {
    }

    /** {@code seconds} rounded to whole seconds: {@code 1:05}, {@code 2:00:01}. */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
