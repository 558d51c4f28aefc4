package hifi.glue.cli;

import hifi.engine.backend.Backends;
import hifi.engine.backend.DeviceBackends;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every command accepts, before or after the command name: {@code --threads N} (worker threads of the
 * compute pool; default: all processors), {@code --backend simd|reference} (the Vector API kernels or the scalar
 * reference) and {@code --device cpu|gpu|<tornado device id>} (a device other than {@code cpu} loads the optional
 * TornadoVM backend through {@link DeviceBackends}). {@link #apply} takes them out of the argument list, applies them
 * process-wide and returns the rest.
 */
public final class GlobalOptions {
    /** Shown under the command list of {@code hifi --help}. */
    public static final String HELP = """
            Global options (before or after the command):
              --threads N                 worker threads for the compute kernels (default: all processors)
              --backend simd|reference    Vector API kernels (default) or the scalar reference backend
              --device cpu|gpu|ID         where to compute: cpu (default), the first GPU, or a TornadoVM device
                                          id such as 0:1 (needs a build with -Ptornado run through TornadoVM)
            """;

    private GlobalOptions() {
    }

    /**
     * What {@link #apply} found.
     *
     * @param rest    the arguments without the global options
     * @param backend the backend given, or null
     * @param device  the device given ({@code cpu} when none was)
     */
    public record Applied(List<String> rest, String backend, String device) {
    }

    /**
     * Removes and applies the global options; a {@link UsageException} for a bad value, a
     * {@link hifi.engine.backend.DeviceUnavailableException} when {@code --device} names a device this build or JVM
     * cannot use.
     */
    public static Applied apply(List<String> args) {
        List<String> rest = new ArrayList<>();
        Integer threads = null;
        String backend = null;
        String device = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!name.equals("--threads") && !name.equals("--backend") && !name.equals("--device")) {
                rest.add(a);
                continue;
            }
            String value;
            if (a.contains("=")) value = a.substring(a.indexOf('=') + 1);
            else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) value = args.get(++i);
            else throw new UsageException(name + " needs a value");
            if (name.equals("--threads")) {
                if (threads != null) throw new UsageException("--threads given more than once");
                threads = threads(value);
            } else if (name.equals("--device")) {
                if (device != null) throw new UsageException("--device given more than once");
                if (value.isBlank()) throw new UsageException("--device expects cpu, gpu or a TornadoVM device id, got ''");
                device = value.strip();
            } else {
                if (backend != null) throw new UsageException("--backend given more than once");
                if (!value.equals("simd") && !value.equals("reference")) {
                    throw new UsageException("--backend must be simd or reference, got '" + value + "'");
                }
                backend = value;
            }
        }
        boolean onCpu = device == null || device.equals("cpu");
        if (!onCpu && backend != null) {
            throw new UsageException("--backend " + backend + " picks a CPU backend; it cannot be combined with --device " + device);
        }
        if (backend != null) {
            if (backend.equals("simd") && !VectorModuleLauncher.available()) throw new UsageException(VectorModuleLauncher.MISSING);
            Backends.setCurrent(Backends.byName(backend));
        }
        if (!onCpu) Backends.setCurrent(DeviceBackends.open(device));
        if (threads != null) Backends.current().workers().setThreads(threads);
        return new Applied(rest, backend, onCpu ? "cpu" : device);
    }

    private static int threads(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1 || n > 4096) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--threads expects a whole number from 1 to 4096, got '" + value + "'");
        }
    }
}
