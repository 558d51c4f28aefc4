package hifi.engine.tornado;

/**
 * The device the parity suites run on: {@code -Dhifi.tornado.device=ID} ({@code gpu}, or a TornadoVM id such as
 * {@code 0:1}); default {@code 0:0}, TornadoVM's default device (PoCL's CPU device on a machine without a GPU).
 */
public final class ParityDevice {
    private ParityDevice() {
    }

    public static TornadoBackend open() {
        TornadoBackend backend = TornadoBackend.open(System.getProperty("hifi.tornado.device", "0:0"));
        System.out.println("TornadoVM parity on " + backend.name());
        return backend;
    }
}
