package hifi.glue.report;

import hifi.glue.io.MarkdownTable;
import hifi.glue.tasks.GlueTask;

import java.util.List;
import java.util.Locale;

/** The report's section on the {@link PairedDifferences} to a baseline: a table in points and its interval plot. */
final class DifferencesSection {
    private DifferencesSection() {
    }

    static String markdown(List<PairedDifferences.Row> rows, String baseline, String plotFile) {
        StringBuilder sb = new StringBuilder("## Paired differences to ").append(baseline).append("\n\n");
        sb.append("Per task, each method's dev score minus ").append(baseline).append("'s with the same seed (only the seeds both ")
                .append("finished), in points: the mean and a 95 % percentile bootstrap interval (").append(String.format(Locale.ROOT, "%,d", PairedBootstrap.RESAMPLES))
                .append(" resamples of the per-seed differences, fixed seed). With few seeds the resampled means take few values: ")
                .append("with 3 the interval is the range of the per-seed differences.\n\n");
        if (rows.isEmpty()) return sb.append("(no method shares a finished seed with ").append(baseline).append(")\n\n").toString();
        MarkdownTable t = new MarkdownTable(List.of("task", "method", "seeds", "method %", baseline + " %", "difference", "95 % interval"), 2);
        for (PairedDifferences.Row r : rows) {
            PairedBootstrap.Difference d = r.difference();
            t.row(List.of(GlueTask.displayName(r.task()), r.method(), seeds(r.seeds()), points(r.methodMean()), points(r.baseline()),
                    signed(d.mean()), "[" + signed(d.low()) + ", " + signed(d.high()) + "]"));
        }
        return sb.append(t.render()).append("\n![paired differences](").append(plotFile).append(")\n\n").toString();
    }

    static IntervalPlot plot(List<PairedDifferences.Row> rows, String baseline) {
        IntervalPlot plot = new IntervalPlot("Dev score minus " + baseline + ", paired by seed (95 % bootstrap interval)",
                "difference in points");
        for (PairedDifferences.Row r : rows) {
            PairedBootstrap.Difference d = r.difference();
            plot.add(new IntervalPlot.Interval(GlueTask.displayName(r.task()), r.method(), r.method() + " (n=" + d.n() + ")",
                    100 * d.mean(), 100 * d.low(), 100 * d.high()));
        }
        return plot;
    }

    private static String seeds(List<Long> seeds) {
        StringBuilder sb = new StringBuilder();
        for (long s : seeds) sb.append(sb.isEmpty() ? "" : ",").append(s);
        return sb.toString();
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    private static String signed(double fraction) {
        return String.format(Locale.ROOT, "%+.2f", 100 * fraction);
    }
}
