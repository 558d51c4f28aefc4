package hifi.method.select;

import hifi.engine.io.AtomicFiles;
import hifi.method.scoring.HeadId;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG heatmap of head scores: one row per layer (layer 0 at the top), one column per head, the colour running from
 * dark blue (lowest score) through teal and green to yellow (highest); selected heads carry a white frame with a
 * black outline. A colour bar under the grid is the legend, with the lowest and highest score at its ends. Labels are
 * drawn when the JVM has a font.
 */
public final class HeadHeatmap {
    private static final int CELL_W = 36, CELL_H = 24, LEFT = 44, TOP = 24, BOTTOM = 46, RIGHT = 8;
    /** The legend's colour bar: this far below the grid, this tall. */
    private static final int BAR_GAP = 10, BAR_H = 10;
    /** Colour-map anchors (a blue–teal–green–yellow ramp of our own choosing). */
    private static final float[][] RAMP = {{0.23f, 0.05f, 0.42f}, {0.16f, 0.45f, 0.56f}, {0.20f, 0.68f, 0.42f}, {0.99f, 0.91f, 0.15f}};

    private HeadHeatmap() {
    }

    public static BufferedImage render(double[][] scores, List<HeadId> selected) {
        int layers = scores.length, heads = scores[0].length;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : scores) for (double v : row) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        BufferedImage img = new BufferedImage(LEFT + heads * CELL_W + RIGHT, TOP + layers * CELL_H + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    double t = max > min ? (scores[l][h] - min) / (max - min) : 0.5;
                    g.setColor(colour(t));
                    g.fillRect(LEFT + h * CELL_W, TOP + l * CELL_H, CELL_W, CELL_H);
                }
            }
            g.setStroke(new BasicStroke(3));
            for (HeadId id : selected) {
                int x = LEFT + id.head() * CELL_W, y = TOP + id.layer() * CELL_H;
                g.setColor(Color.BLACK);
                g.drawRect(x + 1, y + 1, CELL_W - 3, CELL_H - 3);
                g.setStroke(new BasicStroke(1));
                g.setColor(Color.WHITE);
                g.drawRect(x + 3, y + 3, CELL_W - 7, CELL_H - 7);
                g.setStroke(new BasicStroke(3));
            }
            drawColourBar(g, layers, heads);
            if (hasFonts()) {
                drawLabels(g, layers, heads);
                drawLegendLabels(g, layers, heads, min, max);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes the PNG atomically. */
    public static void write(double[][] scores, List<HeadId> selected, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(render(scores, selected), "png", bytes)) throw new IOException("no PNG writer available in this JVM");
        AtomicFiles.write(file, tmp -> Files.write(tmp, bytes.toByteArray()));
    }

    /** The ramp colour at {@code t ∈ [0, 1]}, linearly interpolated between the anchors. */
    static Color colour(double t) {
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) x);
        float f = (float) (x - i);
        float[] a = RAMP[i], b = RAMP[i + 1];
        return new Color(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]));
    }

    private static boolean hasFonts() {
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void drawColourBar(Graphics2D g, int layers, int heads) {
        int width = heads * CELL_W, y = TOP + layers * CELL_H + BAR_GAP;
        for (int x = 0; x < width; x++) {
            g.setColor(colour(width > 1 ? x / (double) (width - 1) : 0.5));
            g.fillRect(LEFT + x, y, 1, BAR_H);
        }
    }

    private static void drawLegendLabels(Graphics2D g, int layers, int heads, double min, double max) {
        int y = TOP + layers * CELL_H + BAR_GAP + BAR_H + 14, right = LEFT + heads * CELL_W;
        String lo = String.format(java.util.Locale.ROOT, "%.4g", min), hi = String.format(java.util.Locale.ROOT, "%.4g", max);
        g.drawString(lo, LEFT, y);
        g.drawString("score", LEFT + (heads * CELL_W - g.getFontMetrics().stringWidth("score")) / 2, y);
        g.drawString(hi, right - g.getFontMetrics().stringWidth(hi), y);
    }

    private static void drawLabels(Graphics2D g, int layers, int heads) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        for (int h = 0; h < heads; h++) g.drawString("H" + h, LEFT + h * CELL_W + 8, TOP - 8);
        for (int l = 0; l < layers; l++) g.drawString("L" + l, 8, TOP + l * CELL_H + CELL_H / 2 + 4);
    }
}
