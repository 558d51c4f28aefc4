package hifi.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A failed write leaves the destination as it was and no temporary behind; a successful one replaces it whole. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> entries() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failedDirectoryWriteKeepsTheOldDirectory() throws IOException {
        Path out = dir.resolve("model");
        AtomicFiles.writeDirectory(out, false, tmp -> Files.writeString(tmp.resolve("a.txt"), "old"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(out, true, tmp -> {
            Files.writeString(tmp.resolve("a.txt"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(out.resolve("a.txt")));
        assertEquals(List.of("model"), entries());

        AtomicFiles.writeDirectory(out, true, tmp -> Files.writeString(tmp.resolve("b.txt"), "new"));
        try (var s = Files.list(out)) {
            assertEquals(List.of("b.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(List.of("model"), entries());
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(out, false, tmp -> { }));
    }

    @Test
    void failedFileWriteKeepsTheOldFile() throws IOException {
        Path f = dir.resolve("x.bin");
        AtomicFiles.write(f, tmp -> Files.writeString(tmp, "old"));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "partial");
            throw new IllegalStateException("boom");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("x.bin"), entries());
    }
}
