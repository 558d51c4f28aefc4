package hifi.engine.tornado;

import hifi.engine.backend.DeviceUnavailableException;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoDeviceMap;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the TornadoVM device a {@code --device} value names: {@code gpu} is the first GPU of any TornadoVM backend
 * (driver); {@code B:D} is device {@code D} of backend {@code B}, the ids {@code tornado --devices} prints (e.g.
 * {@code 0:0} for PoCL's CPU device on a machine without a GPU).
 */
final class TornadoDevices {
    private TornadoDevices() {
    }

    /** The device {@code spec} names; a {@link DeviceUnavailableException} listing the devices when there is none. */
    static TornadoDevice find(String spec) {
        TornadoDeviceMap map = TornadoExecutionPlan.getTornadoDeviceMap();
        List<TornadoBackend> backends = map.getAllBackends();
        if (spec.equals("gpu")) {
            for (TornadoBackend b : backends) {
                for (TornadoDevice d : b.getAllDevices()) {
                    if (d.getDeviceType() == TornadoDeviceType.GPU) return d;
                }
            }
            throw new DeviceUnavailableException("--device gpu: TornadoVM sees no GPU; devices: " + describe(backends)
                    + " (pick one by id, e.g. --device 0:0)");
        }
        int colon = spec.indexOf(':');
        try {
            int b = Integer.parseInt(spec.substring(0, colon));
            int d = Integer.parseInt(spec.substring(colon + 1));
            if (b >= 0 && b < backends.size() && d >= 0 && d < backends.get(b).getNumDevices()) {
                return backends.get(b).getDevice(d);
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new DeviceUnavailableException("--device " + spec + ": expected cpu, gpu or a TornadoVM device id "
                    + "BACKEND:DEVICE such as 0:0; devices: " + describe(backends));
        }
        throw new DeviceUnavailableException("--device " + spec + ": no such TornadoVM device; devices: " + describe(backends));
    }

    /** {@code id name (type)} for every device, e.g. {@code 0:0 pthread-… (CPU)}. */
    static String describe(List<TornadoBackend> backends) {
        List<String> all = new ArrayList<>();
        for (int b = 0; b < backends.size(); b++) {
            List<TornadoDevice> devices = backends.get(b).getAllDevices();
            for (int d = 0; d < devices.size(); d++) {
                all.add(b + ":" + d + " " + devices.get(d).getPhysicalDevice().getDeviceName() + " (" + devices.get(d).getDeviceType() + ")");
            }
        }
        return all.isEmpty() ? "none" : String.join(", ", all);
    }

    /** A one-line description of {@code device} for logs: {@code name (type, backend)}. */
    static String describe(TornadoDevice device) {
        return device.getPhysicalDevice().getDeviceName() + " (" + device.getDeviceType() + ", " + device.getTornadoVMBackend() + ")";
    }
}
