package hifi.glue.report;

import hifi.engine.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a drawn image as a PNG file, atomically. */
final class Png {
    private Png() {
    }

    static void write(BufferedImage image, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) throw new IOException("no PNG writer in this JVM");
        AtomicFiles.writeBytes(file, bytes.toByteArray());
    }
}
