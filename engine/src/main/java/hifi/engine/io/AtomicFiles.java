package hifi.engine.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files and directories so that readers see either nothing or the complete result: content goes to a
 * temporary sibling (same directory, hence same file system) that is renamed onto the destination only after it is
 * complete. On any failure the temporary is deleted and the destination is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Fills a path: the temporary file or directory it is handed. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path temporary) throws IOException;
    }

    /** Writes a file: {@code filler} gets an empty temporary file next to {@code destination}. */
    public static void write(Path destination, Filler filler) throws IOException {
        Path dest = destination.toAbsolutePath();
        Files.createDirectories(dest.getParent());
        Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + ".", ".tmp");
        makeReadable(tmp, "rw-r--r--");
        commit(tmp, dest, filler, false);
    }

    /** Writes UTF-8 text as a file, atomically (parent folders are created). */
    public static void writeString(Path destination, String text) throws IOException {
        write(destination, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes bytes as a file, atomically (parent folders are created). */
    public static void writeBytes(Path destination, byte[] bytes) throws IOException {
        write(destination, tmp -> Files.write(tmp, bytes));
    }

    /**
     * Writes a directory: {@code filler} gets an empty temporary directory next to {@code destination}. An existing
     * destination directory is replaced only when {@code replace} is set (it is moved aside just before the rename and
     * deleted after it, or moved back if the rename fails).
     */
    public static void writeDirectory(Path destination, boolean replace, Filler filler) throws IOException {
        Path dest = destination.toAbsolutePath();
        if (Files.exists(dest) && !replace) throw new IOException(dest + " already exists (refusing to overwrite)");
        Files.createDirectories(dest.getParent());
        Path tmp = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".");
        makeReadable(tmp, "rwxr-xr-x");
        commit(tmp, dest, filler, true);
    }

    private static void commit(Path tmp, Path dest, Filler filler, boolean directory) throws IOException {
        boolean done = false;
        Path old = null;
        try {
            filler.fill(tmp);
            if (directory && Files.exists(dest)) {
                // A directory cannot be renamed over a non-empty one: move the old one aside first, delete it after.
                old = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".old-");
                Files.delete(old);
                move(dest, old);
            }
            move(tmp, dest);
            done = true;
        } finally {
            if (!done) {
                deleteRecursively(tmp);
                if (old != null && !Files.exists(dest)) move(old, dest);
            }
        }
        if (old != null) deleteRecursively(old);
    }

    /** Renames {@code from} onto {@code to}, replacing it, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Temporary files are created private; the finished result gets ordinary permissions where POSIX applies. */
    private static void makeReadable(Path p, String permissions) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        }
    }

    /** Deletes a file or a directory tree; a missing path is fine. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
