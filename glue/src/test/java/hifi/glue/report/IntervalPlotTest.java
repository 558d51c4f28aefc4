package hifi.glue.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalPlotTest {

    /** {minX, maxX, minY, maxY} of the pixels of {@code colour}, or null if there are none. */
    private static int[] box(BufferedImage image, Color colour) {
        int[] b = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != (colour.getRGB() & 0xFFFFFF)) continue;
                if (b == null) b = new int[] {x, x, y, y};
                b[0] = Math.min(b[0], x);
                b[1] = Math.max(b[1], x);
                b[2] = Math.min(b[2], y);
                b[3] = Math.max(b[3], y);
            }
        }
        return b;
    }

    @Test
    void intervalsSitWhereTheirValuesAreAndRowsGoDownInOrder(@TempDir Path dir) throws IOException {
        IntervalPlot plot = new IntervalPlot("differences", "points")
                .add(new IntervalPlot.Interval("RTE", "above", "above", 1.5, 1, 2))
                .add(new IntervalPlot.Interval("RTE", "below", "below", -1.5, -2, -1))
                .add(new IntervalPlot.Interval("CoLA", "above", "above (n=1)", 0.5, -0.5, 1.5));
        Path file = dir.resolve("d/differences.png");
        plot.writePng(file, 500, plot.height(150));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(500, image.getWidth());
        assertEquals(plot.height(150), image.getHeight());
        int[] above = box(image, LinePlot.PALETTE[0]), below = box(image, LinePlot.PALETTE[1]);
        assertTrue(above != null && below != null, "both series drawn");
        // the positive interval of the first row lies right of the negative one, and the first row is higher
        int[] firstRowOnly = box(image.getSubimage(0, 0, 500, below[2]), LinePlot.PALETTE[0]);
        assertTrue(firstRowOnly[0] > below[1], "RTE 'above' [1, 2] right of 'below' [−2, −1]: " + firstRowOnly[0] + " vs " + below[1]);
        assertTrue(firstRowOnly[3] < below[2], "row 1 above row 2");
        assertTrue(above[3] > below[3], "the third row (CoLA, the first series' colour) is the lowest");
        assertTrue(above[0] < firstRowOnly[0], "CoLA's interval starts at −0.5, left of RTE's at 1");
    }

    @Test
    void heightGrowsWithTheRowsAndGroups() {
        IntervalPlot plot = new IntervalPlot("t", "x");
        int empty = plot.height(200);
        for (int i = 0; i < 30; i++) plot.add(new IntervalPlot.Interval("g" + i / 10, "s" + i % 10, "s" + i % 10, i, i - 1, i + 1));
        assertEquals(200, empty, "the minimum when it is larger");
        assertTrue(plot.height(100) >= 32 * 18, "30 rows and 2 gaps: " + plot.height(100));
    }
}
