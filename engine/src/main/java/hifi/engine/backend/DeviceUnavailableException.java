package hifi.engine.backend;

/**
 * The requested accelerator cannot be used: no device backend is built in, its runtime is not loaded in this JVM, or
 * the device does not exist. The message says which, and what to do; it is shown to the user as it is.
 */
public final class DeviceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
