package hifi.engine.tornado;

import hifi.engine.backend.Backend;
import hifi.engine.backend.DeviceBackendProvider;
import hifi.engine.backend.DeviceBackends;
import hifi.engine.backend.DeviceUnavailableException;

/**
 * The {@link java.util.ServiceLoader} entry of the TornadoVM backend (listed in
 * {@code META-INF/services/hifi.engine.backend.DeviceBackendProvider}). It touches no TornadoVM class until
 * {@link #open} is called, so the engine can enumerate providers in any JVM.
 */
public final class TornadoBackendProvider implements DeviceBackendProvider {

    @Override
    public String name() {
        return "TornadoVM";
    }

    @Override
    public Backend open(String device) {
        if (System.getProperty("tornado.load.runtime.implementation") == null) {
            throw new DeviceUnavailableException("--device " + device + ": the TornadoVM backend is built in, but this JVM "
                    + "was not started through TornadoVM (no tornado-argfile); " + DeviceBackends.HOW_TO);
        }
        try {
            return TornadoBackend.open(device);
        } catch (DeviceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeviceUnavailableException("--device " + device + ": TornadoVM could not open the device (" + e + ")", e);
        }
    }
}
