package hifi.glue.tasks;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a text file line by line the way the GLUE script wrote it: strict UTF-8 (bad bytes are an error naming the
 * file), a leading byte-order mark dropped, lines split on {@code \n} only (a {@code \r} right before it is dropped,
 * a {@code \r} elsewhere is data), and a last line without a final newline still returned. No quoting: every
 * character, {@code "} included, is data. Streams, so large files (MNLI, QQP) are not held in memory.
 */
final class TsvLineReader implements Closeable {
    private static final char BOM = '\uFEFF';

    private final Path file;
    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private boolean eof;
    private boolean atStart = true;
    private int lineNumber;

    TsvLineReader(Path file) throws IOException {
        this.file = file;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.reader = Channels.newReader(FileChannel.open(file, StandardOpenOption.READ), decoder, -1);
    }

    /** The 1-based number of the line last returned by {@link #next()}. */
    int lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) {
                if (line == null) return null;
                return finish(line);
            }
            if (line == null) line = new StringBuilder();
            int start = bufferPos;
            while (bufferPos < bufferEnd && buffer[bufferPos] != '\n') bufferPos++;
            line.append(buffer, start, bufferPos - start);
            if (bufferPos < bufferEnd) {
                bufferPos++;
                return finish(line);
            }
        }
    }

    private String finish(StringBuilder line) {
        lineNumber++;
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
        return line.toString();
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n;
        try {
            n = reader.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8 after line " + lineNumber + " (" + e + ")", e);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        if (atStart) {
            atStart = false;
            if (n > 0 && buffer[0] == BOM) bufferPos = 1;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
