package hifi.glue.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart drawn with Java2D into a PNG: title, axis labels, 1-2-5 ticks with a light grid, one coloured line
 * per series (with point markers when a series has few points) and a legend. Non-finite points are left out. Runs
 * headless ({@code java.awt.headless=true} is set before AWT starts). If the JVM has no usable fonts the chart is
 * still drawn, without its text.
 */
public final class LinePlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The colours of successive series (colour-blind-friendly "Okabe–Ito" order). */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

    private static final int LEFT = 72, RIGHT = 24, TOP = 40, BOTTOM = 56;
    private static final int MARKER_LIMIT = 60;

    /** One line: a name for the legend and its points. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; returns this plot. */
    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    /** Draws the chart. */
    public BufferedImage render(int width, int height) {
        if (width < LEFT + RIGHT + 40 || height < TOP + BOTTOM + 40) {
            throw new IllegalArgumentException("plot too small: " + width + "×" + height);
        }
        return Png.draw(width, height, g -> new Painter(g, width, height).paint());
    }

    /** Draws the chart and writes it as a PNG, atomically. */
    public void writePng(Path file, int width, int height) throws IOException {
        Png.write(render(width, height), file);
    }

    /** The drawing of one image. */
    private final class Painter {
        private final Graphics2D g;
        private final int width, height;
        private final int plotW, plotH;
        private final AxisTicks xTicks, yTicks;
        private final boolean text;

        Painter(Graphics2D g, int width, int height) {
            this.g = g;
            this.width = width;
            this.height = height;
            this.plotW = width - LEFT - RIGHT;
            this.plotH = height - TOP - BOTTOM;
            double[] xr = range(true), yr = range(false);
            double margin = 0.03 * (yr[1] - yr[0]);          // keep the extreme points off the frame
            yr[0] -= margin;
            yr[1] += margin;
            this.xTicks = AxisTicks.covering(xr[0], xr[1], Math.max(2, plotW / 90));
            this.yTicks = AxisTicks.covering(yr[0], yr[1], Math.max(2, plotH / 60));
            this.text = Fonts.usable(g);
        }

        void paint() {
            grid();
            for (int i = 0; i < series.size(); i++) line(series.get(i), PALETTE[i % PALETTE.length]);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, TOP, plotW, plotH);
            if (text) labels();
        }

        private double[] range(boolean xAxis) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (int i = 0; i < s.x().length; i++) {
                    if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) continue;
                    double v = xAxis ? s.x()[i] : s.y()[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            return lo <= hi ? new double[]{lo, hi} : new double[]{0, 1};
        }

        private double px(double x) {
            return LEFT + (x - xTicks.min()) / (xTicks.max() - xTicks.min()) * plotW;
        }

        private double py(double y) {
            return TOP + plotH - (y - yTicks.min()) / (yTicks.max() - yTicks.min()) * plotH;
        }

        private void grid() {
            g.setColor(new Color(0xE4E4E4));
            g.setStroke(new BasicStroke(1f));
            for (double v : xTicks.values()) g.drawLine((int) Math.round(px(v)), TOP, (int) Math.round(px(v)), TOP + plotH);
            for (double v : yTicks.values()) g.drawLine(LEFT, (int) Math.round(py(v)), LEFT + plotW, (int) Math.round(py(v)));
        }

        private void line(Series s, Color colour) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean penDown = false;
            int points = 0;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    penDown = false;
                    continue;
                }
                points++;
                if (penDown) path.lineTo(px(s.x()[i]), py(s.y()[i]));
                else path.moveTo(px(s.x()[i]), py(s.y()[i]));
                penDown = true;
            }
            g.draw(path);
            if (points <= MARKER_LIMIT) {
                for (int i = 0; i < s.x().length; i++) {
                    if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) continue;
                    g.fillOval((int) Math.round(px(s.x()[i])) - 3, (int) Math.round(py(s.y()[i])) - 3, 7, 7);
                }
            }
        }

        private void labels() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(Color.DARK_GRAY);
            xTicks.drawBelow(g, this::px, TOP + plotH);
            for (double v : yTicks.values()) {
                String s = yTicks.label(v);
                g.drawString(s, LEFT - fm.stringWidth(s) - 6, (int) Math.round(py(v)) + fm.getAscent() / 2 - 1);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            fm = g.getFontMetrics();
            g.drawString(xLabel, LEFT + (plotW - fm.stringWidth(xLabel)) / 2, height - 12);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(TOP + (plotH + fm.stringWidth(yLabel)) / 2), 16);
            g.setTransform(saved);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            fm = g.getFontMetrics();
            g.setColor(Color.BLACK);
            g.drawString(title, (width - fm.stringWidth(title)) / 2, 24);
            if (series.size() > 1 || (series.size() == 1 && !series.getFirst().name().isEmpty())) legend();
        }

        /** The top-left position, among the four inner corners, of the legend box covering the fewest points. */
        private int[] emptiestCorner(int boxW, int boxH) {
            int[][] corners = {{LEFT + plotW - boxW - 8, TOP + 8}, {LEFT + 8, TOP + 8},
                    {LEFT + plotW - boxW - 8, TOP + plotH - boxH - 8}, {LEFT + 8, TOP + plotH - boxH - 8}};
            int[] best = corners[0];
            int fewest = Integer.MAX_VALUE;
            for (int[] c : corners) {
                int covered = 0;
                for (Series s : series) {
                    for (int i = 0; i < s.x().length; i++) {
                        double x = px(s.x()[i]), y = py(s.y()[i]);
                        if (x >= c[0] - 4 && x <= c[0] + boxW + 4 && y >= c[1] - 4 && y <= c[1] + boxH + 4) covered++;
                    }
                }
                if (covered < fewest) {
                    fewest = covered;
                    best = c;
                }
            }
            return best;
        }

        private void legend() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            int w = 0;
            for (Series s : series) w = Math.max(w, fm.stringWidth(s.name()));
            int boxW = w + 34, rowH = fm.getHeight(), boxH = rowH * series.size() + 8;
            int[] corner = emptiestCorner(boxW, boxH);
            int x = corner[0], y = corner[1];
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(x, y, boxW, boxH);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x, y, boxW, boxH);
            for (int i = 0; i < series.size(); i++) {
                int rowY = y + 4 + i * rowH + rowH / 2;
                g.setColor(PALETTE[i % PALETTE.length]);
                g.setStroke(new BasicStroke(2f));
                g.drawLine(x + 6, rowY, x + 24, rowY);
                g.setColor(Color.DARK_GRAY);
                g.drawString(series.get(i).name(), x + 28, rowY + fm.getAscent() / 2 - 1);
            }
        }
    }
}
