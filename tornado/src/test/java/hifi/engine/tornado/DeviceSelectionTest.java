package hifi.engine.tornado;

import hifi.engine.backend.Backend;
import hifi.engine.backend.DeviceBackends;
import hifi.engine.backend.DeviceUnavailableException;
import hifi.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --device} resolution inside a TornadoVM JVM: the {@link java.util.ServiceLoader} path the CLI takes, ids from
 * {@code tornado --devices}, and one-line errors that list the devices for ids that do not exist.
 */
class DeviceSelectionTest {

    @Test
    void serviceLoaderFindsTheTornadoBackendAndItComputesOnTheDevice() {
        Backend be = DeviceBackends.open("0:0");
        TornadoBackend tornado = assertInstanceOf(TornadoBackend.class, be);
        try {
            Tensor x = Tensor.of(new float[] {1, 2, 3}, 3), y = Tensor.zeros(3);
            be.add(x, x, y);
            assertEquals(6f, y.get(2), "2 · 3 computed on " + be.name());
            assertEquals(1, tornado.transfers().downloads(), "the add ran on the device and its result came back");
        } finally {
            tornado.close();
        }
    }

    @Test
    void gpuIsAGpuOrAClearErrorListingTheDevices() {
        try {
            TornadoDevice d = TornadoDevices.find("gpu");
            assertEquals(TornadoDeviceType.GPU, d.getDeviceType(), "gpu picks a GPU");
        } catch (DeviceUnavailableException e) {
            assertTrue(e.getMessage().contains("sees no GPU") && e.getMessage().contains("0:0"), e.getMessage());
        }
    }

    @Test
    void unknownOrMalformedIdsListTheDevices() {
        for (String spec : new String[] {"0:99", "7:0", "0", "x:y", "cuda"}) {
            DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> TornadoDevices.find(spec), spec);
            assertTrue(e.getMessage().startsWith("--device " + spec + ":") && e.getMessage().contains("devices: 0:0 "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        }
    }
}
