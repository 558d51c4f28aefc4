package hifi.engine.backend;

import java.util.ServiceLoader;

/**
 * Opens a {@link DeviceBackendProvider} by device name (the CLI's {@code --device}). {@code cpu} is not a device
 * here: the CPU backends come from {@link Backends}. Providers are loaded reflectively through
 * {@link ServiceLoader}, so this class, and everything that calls it, works without any accelerator runtime.
 */
public final class DeviceBackends {
    /** Where to read how to build and run with a device backend. */
    public static final String HOW_TO = "see the README section 'Running on a GPU box': install the TornadoVM SDK, "
            + "set TORNADOVM_HOME, build with -Ptornado and start java with @$TORNADOVM_HOME/tornado-argfile";

    private DeviceBackends() {
    }

    /**
     * The backend of the first provider on the class path, opened on {@code device}. Throws
     * {@link DeviceUnavailableException} when no provider is built in, when its runtime classes are missing from
     * this JVM, or when the provider cannot open the device.
     */
    public static Backend open(String device) {
        DeviceBackendProvider provider = ServiceLoader.load(DeviceBackendProvider.class).findFirst()
                .orElseThrow(() -> new DeviceUnavailableException("--device " + device
                        + ": this build has no GPU backend (TornadoVM is not present); " + HOW_TO));
        try {
            return provider.open(device);
        } catch (LinkageError e) {
            throw new DeviceUnavailableException("--device " + device + ": the " + provider.name()
                    + " backend is built in but its runtime is not loaded in this JVM (" + e + "); " + HOW_TO, e);
        }
    }
}
