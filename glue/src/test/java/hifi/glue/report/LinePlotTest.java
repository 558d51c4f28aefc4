package hifi.glue.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LinePlotTest {

    static int count(BufferedImage image, Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) n++;
        }
        return n;
    }

    static int nonWhite(BufferedImage image) {
        return image.getWidth() * image.getHeight() - count(image, Color.WHITE);
    }

    @Test
    void pngHasTheSizeAndShowsEverySeries(@TempDir Path dir) throws IOException {
        double[] steps = {0, 10, 20, 30, 40, 50};
        LinePlot plot = new LinePlot("Loss", "step", "loss")
                .add(new LinePlot.Series("train", steps, new double[]{0.7, 0.6, 0.55, 0.5, 0.48, 0.47}))
                .add(new LinePlot.Series("dev", steps, new double[]{0.72, 0.65, Double.NaN, 0.6, 0.61, 0.62}));
        Path file = dir.resolve("plots/loss.png");
        plot.writePng(file, 640, 400);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "a readable PNG");
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        int first = count(image, LinePlot.PALETTE[0]);
        int second = count(image, LinePlot.PALETTE[1]);
        assertTrue(first > 300, "first series drawn: " + first + " pixels");
        assertTrue(second > 200, "second series drawn: " + second + " pixels");
        assertTrue(nonWhite(image) > first + second, "axes, grid and text drawn too");
    }

    @Test
    void higherValuesAreDrawnHigher() {
        // a rising line: its pixels near the right edge must sit above (smaller y) those near the left edge
        LinePlot plot = new LinePlot("up", "x", "y").add(new LinePlot.Series("", new double[]{0, 100}, new double[]{0, 1}));
        BufferedImage image = plot.render(400, 300);
        int colour = LinePlot.PALETTE[0].getRGB() & 0xFFFFFF;
        double leftY = meanRow(image, colour, 72, 150), rightY = meanRow(image, colour, 250, 376);
        assertTrue(rightY < leftY - 50, "left " + leftY + ", right " + rightY);
    }

    private static double meanRow(BufferedImage image, int colour, int x0, int x1) {
        double sum = 0;
        int n = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == colour) {
                    sum += y;
                    n++;
                }
            }
        }
        assertTrue(n > 0, "line present between x=" + x0 + " and " + x1);
        return sum / n;
    }

    @Test
    void emptyOrConstantDataStillRenders() {
        BufferedImage empty = new LinePlot("nothing", "x", "y").render(300, 200);
        assertTrue(nonWhite(empty) > 1000);
        BufferedImage flat = new LinePlot("flat", "x", "y")
                .add(new LinePlot.Series("s", new double[]{1, 2, 3}, new double[]{5, 5, 5})).render(300, 200);
        assertTrue(count(flat, LinePlot.PALETTE[0]) > 50);
        assertThrows(IllegalArgumentException.class, () -> new LinePlot("t", "x", "y").render(50, 50));
        assertThrows(IllegalArgumentException.class, () -> new LinePlot.Series("s", new double[2], new double[3]));
    }

    @Test
    void ticksAreNiceAndCoverTheData() {
        AxisTicks t = AxisTicks.covering(0.13, 0.87, 5);
        assertEquals(0.2, t.step(), 1e-12);
        assertEquals(0.0, t.min(), 1e-12);
        assertEquals(1.0, t.max(), 1e-12);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), t.values().stream().map(t::label).toList());
        AxisTicks big = AxisTicks.covering(0, 2340, 5);
        assertEquals(500, big.step(), 1e-9);
        assertEquals(2500, big.max(), 1e-9);
        assertEquals("1500", big.label(1500));
        AxisTicks one = AxisTicks.covering(3, 3, 4);
        assertTrue(one.min() < 3 && one.max() > 3);
    }
}
