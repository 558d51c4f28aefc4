package hifi.glue.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dot-and-interval chart drawn with Java2D into a PNG, in {@link LinePlot}'s style: one row per estimate (a dot at
 * its value, a line with end ticks over its interval), rows grouped (e.g. by task) with the group's name on the left
 * and a label on each row, one colour per series (e.g. the method), a vertical line at zero and 1-2-5 ticks
 * on the value axis. Non-finite values are left out. Without usable fonts the chart is drawn without its text.
 */
public final class IntervalPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int RIGHT = 24, TOP = 40, BOTTOM = 56, ROW_PX = 18;

    /** One row: its group, its series (which sets its colour), its label, the estimate and its interval. */
    public record Interval(String group, String series, String label, double value, double low, double high) {
    }

    private final String title;
    private final String xLabel;
    private final List<Interval> rows = new ArrayList<>();

    public IntervalPlot(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Adds a row below the others; returns this plot. */
    public IntervalPlot add(Interval row) {
        rows.add(row);
        return this;
    }

    /** A height that gives every row and group gap about {@value #ROW_PX} pixels, at least {@code minimum}. */
    public int height(int minimum) {
        return Math.max(minimum, TOP + BOTTOM + ROW_PX * slots());
    }

    /** Rows plus one gap between consecutive groups. */
    private int slots() {
        int slots = rows.size();
        for (int i = 1; i < rows.size(); i++) if (!rows.get(i).group().equals(rows.get(i - 1).group())) slots++;
        return Math.max(1, slots);
    }

    public BufferedImage render(int width, int height) {
        return Png.draw(width, height, g -> new Painter(g, width, height).paint());
    }

    /** Draws the chart and writes it as a PNG, atomically. */
    public void writePng(Path file, int width, int height) throws IOException {
        Png.write(render(width, height), file);
    }

    /** The drawing of one image. */
    private final class Painter {
        private final Graphics2D g;
        private final int width, height, left, plotW, plotH;
        private final boolean text;
        private final AxisTicks ticks;
        private final List<String> series = new ArrayList<>();
        private final double[] rowY;

        Painter(Graphics2D g, int width, int height) {
            this.g = g;
            this.width = width;
            this.height = height;
            this.text = Fonts.usable(g);
            for (Interval r : rows) if (!series.contains(r.series())) series.add(r.series());
            this.left = text ? labelWidth() + 16 : 24;
            this.plotW = width - left - RIGHT;
            this.plotH = height - TOP - BOTTOM;
            if (plotW < 40 || plotH < 20) throw new IllegalArgumentException("plot too small for its labels: " + width + "×" + height);
            double lo = 0, hi = 0;                               // zero is always on the axis
            for (Interval r : rows) {
                for (double v : new double[] {r.value(), r.low(), r.high()}) {
                    if (!Double.isFinite(v)) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double margin = 0.03 * (hi - lo);
            this.ticks = AxisTicks.covering(lo - margin, hi + margin, Math.max(2, plotW / 90));
            this.rowY = new double[rows.size()];
            double slot = (double) plotH / slots();
            int s = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0 && !rows.get(i).group().equals(rows.get(i - 1).group())) s++;
                rowY[i] = TOP + (s + i + 0.5) * slot;
            }
        }

        private int labelWidth() {
            FontMetrics bold = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            FontMetrics plain = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int groups = 0, names = 0;
            for (Interval r : rows) {
                groups = Math.max(groups, bold.stringWidth(r.group()));
                names = Math.max(names, plain.stringWidth(r.label()));
            }
            return 8 + groups + 12 + names;
        }

        private double px(double x) {
            return left + (x - ticks.min()) / (ticks.max() - ticks.min()) * plotW;
        }

        void paint() {
            g.setColor(new Color(0xE4E4E4));
            g.setStroke(new BasicStroke(1f));
            for (double v : ticks.values()) g.drawLine((int) Math.round(px(v)), TOP, (int) Math.round(px(v)), TOP + plotH);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Line2D.Double(px(0), TOP, px(0), TOP + plotH));
            for (int i = 0; i < rows.size(); i++) interval(rows.get(i), rowY[i]);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, TOP, plotW, plotH);
            if (text) labels();
        }

        private void interval(Interval r, double y) {
            g.setColor(LinePlot.PALETTE[series.indexOf(r.series()) % LinePlot.PALETTE.length]);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            if (Double.isFinite(r.low()) && Double.isFinite(r.high())) {
                g.draw(new Line2D.Double(px(r.low()), y, px(r.high()), y));
                g.draw(new Line2D.Double(px(r.low()), y - 4, px(r.low()), y + 4));
                g.draw(new Line2D.Double(px(r.high()), y - 4, px(r.high()), y + 4));
            }
            if (Double.isFinite(r.value())) g.fill(new Ellipse2D.Double(px(r.value()) - 4, y - 4, 9, 9));
        }

        private void labels() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.DARK_GRAY);
            ticks.drawBelow(g, this::px, TOP + plotH);
            for (int i = 0; i < rows.size(); i++) {
                Interval r = rows.get(i);
                int baseline = (int) Math.round(rowY[i]) + fm.getAscent() / 2 - 1;
                g.setColor(Color.DARK_GRAY);
                g.drawString(r.label(), left - 8 - fm.stringWidth(r.label()), baseline);
                if (i == 0 || !r.group().equals(rows.get(i - 1).group())) {
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                    g.setColor(Color.BLACK);
                    g.drawString(r.group(), 8, baseline);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            fm = g.getFontMetrics();
            g.setColor(Color.DARK_GRAY);
            g.drawString(xLabel, left + (plotW - fm.stringWidth(xLabel)) / 2, height - 12);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            fm = g.getFontMetrics();
            g.setColor(Color.BLACK);
            g.drawString(title, (width - fm.stringWidth(title)) / 2, 24);
        }
    }
}
