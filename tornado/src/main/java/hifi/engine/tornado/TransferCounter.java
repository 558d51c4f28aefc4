package hifi.engine.tornado;

import java.util.Locale;

/**
 * Host↔device traffic of a {@link TornadoBackend}: how many transfers each way and how many payload bytes they moved
 * (array headers that TornadoVM adds are not counted). Tests read it to bound what a forward/backward pass moves over
 * the bus; {@link #reset()} starts a new measurement.
 */
public final class TransferCounter {
    private long uploads;
    private long uploadBytes;
    private long downloads;
    private long downloadBytes;

    synchronized void record(int uploadArrays, long upBytes, int downloadArrays, long downBytes) {
        uploads += uploadArrays;
        uploadBytes += upBytes;
        downloads += downloadArrays;
        downloadBytes += downBytes;
    }

    /** Arrays copied host → device so far. */
    public synchronized long uploads() {
        return uploads;
    }

    /** Payload bytes copied host → device so far. */
    public synchronized long uploadBytes() {
        return uploadBytes;
    }

    /** Arrays copied device → host so far. */
    public synchronized long downloads() {
        return downloads;
    }

    /** Payload bytes copied device → host so far. */
    public synchronized long downloadBytes() {
        return downloadBytes;
    }

    /** Starts counting from zero. */
    public synchronized void reset() {
        uploads = uploadBytes = downloads = downloadBytes = 0;
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%d uploads (%.3f MB), %d downloads (%.3f MB)", uploads, uploadBytes / 1e6, downloads, downloadBytes / 1e6);
    }
}
