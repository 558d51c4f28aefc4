package hifi.glue.report;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * "Nice" axis ticks: a step of 1, 2 or 5 times a power of ten, chosen so that about {@code target} ticks cover the
 * data range, with the axis widened to whole steps.
 *
 * @param min   the axis start (a multiple of {@code step})
 * @param max   the axis end (a multiple of {@code step})
 * @param step  the distance between ticks
 */
record AxisTicks(double min, double max, double step) {

    static AxisTicks covering(double lo, double hi, int target) {
        if (!(hi > lo)) {                       // one value (or none): open a window around it
            double pad = lo == 0 || !Double.isFinite(lo) ? 1 : Math.abs(lo) * 0.1;
            if (!Double.isFinite(lo)) lo = 0;
            hi = lo + pad;
            lo = lo - pad;
        }
        double raw = (hi - lo) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        return new AxisTicks(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    /** The tick values from {@code min} to {@code max}. */
    List<Double> values() {
        List<Double> out = new ArrayList<>();
        long n = Math.round((max - min) / step);
        for (long i = 0; i <= n; i++) out.add(min + i * step);
        return out;
    }

    /** Draws the labels of a horizontal axis centred under their ticks ({@code px}: value → x) with their top at {@code top}. */
    void drawBelow(Graphics2D g, DoubleUnaryOperator px, int top) {
        FontMetrics fm = g.getFontMetrics();
        for (double v : values()) {
            String s = label(v);
            g.drawString(s, (int) Math.round(px.applyAsDouble(v)) - fm.stringWidth(s) / 2, top + fm.getAscent() + 4);
        }
    }

    /** A tick label with just enough decimals for the step. */
    String label(double v) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        if (Math.abs(v) < step * 1e-9) v = 0;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
