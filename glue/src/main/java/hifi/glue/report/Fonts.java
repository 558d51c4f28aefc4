package hifi.glue.report;

import java.awt.Font;
import java.awt.Graphics2D;

/**
 * Whether text can be drawn. A headless JVM on a machine without fonts (no fontconfig, no font files) fails at the
 * first text operation with an {@link Error} from the font system; charts are then drawn without text rather than
 * not at all, and a warning says why.
 */
final class Fonts {
    private static Boolean usable;

    private Fonts() {
    }

    static synchronized boolean usable(Graphics2D g) {
        if (usable == null) {
            try {
                g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11)).stringWidth("0.5");
                usable = true;
            } catch (Error | RuntimeException e) { // the JDK reports missing fonts as java.lang.Error / InternalError
                System.err.println("warning: no usable fonts (" + e + "); plots are drawn without text");
                usable = false;
            }
        }
        return usable;
    }
}
