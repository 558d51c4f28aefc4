package hifi.engine.tornado;

import java.util.Locale;

/**
 * Host↔device traffic of a {@link TornadoBackend}: how many arrays went each way, how many payload bytes they moved
 * (array headers that TornadoVM adds are not counted), and how many kernels ran. Tests read it to bound what a
 * forward/backward pass moves over the bus; {@link #reset()} starts a new measurement.
 */
public final class TransferCounter {
    private long uploads;
    private long uploadBytes;
    private long downloads;
    private long downloadBytes;
    private long launches;
    private long executions;

    synchronized void record(int uploadArrays, long upBytes, int downloadArrays, long downBytes) {
        uploads += uploadArrays;
        uploadBytes += upBytes;
        downloads += downloadArrays;
        downloadBytes += downBytes;
    }

    synchronized void launched() {
        launches++;
    }

    synchronized void executed() {
        executions++;
    }

    /** TornadoVM plan executions so far: each a host round trip; a chain runs several launches in one. */
    public synchronized long executions() {
        return executions;
    }

    /** Kernel launches so far (each uploads its descriptor and scalars, counted in {@link #uploads()}). */
    public synchronized long launches() {
        return launches;
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
        uploads = uploadBytes = downloads = downloadBytes = launches = executions = 0;
    }

    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "%d launches in %d executions, %d uploads (%.3f MB), %d downloads (%.3f MB)", launches, executions,
                uploads, uploadBytes / 1e6, downloads, downloadBytes / 1e6);
    }
}
