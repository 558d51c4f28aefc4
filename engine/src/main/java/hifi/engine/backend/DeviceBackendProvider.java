package hifi.engine.backend;

/**
 * A backend that computes on an accelerator, found at run time with {@link java.util.ServiceLoader} (see
 * {@link DeviceBackends}). The CPU build never links against an accelerator runtime: a provider lives in an optional
 * module (the TornadoVM backend, Maven profile {@code tornado}) and is on the class path only when that module was
 * built into the application.
 */
public interface DeviceBackendProvider {

    /** Short name for messages, e.g. {@code tornadovm}. */
    String name();

    /**
     * Opens the backend on {@code device}: {@code gpu} (the first GPU the runtime sees) or a provider-specific device
     * id. Throws {@link DeviceUnavailableException}, with a message meant for the user, when the runtime is not loaded
     * in this JVM or no such device exists.
     */
    Backend open(String device);
}
