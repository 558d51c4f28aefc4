package hifi.glue.cli;

import hifi.engine.backend.Backend;
import hifi.engine.backend.Backends;
import hifi.engine.backend.DeviceBackends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The application's top command, {@code hifi}, and the options every command accepts, before or after the command
 * name: {@code --threads N} (worker threads of the compute pool; default: all processors), {@code --backend
 * simd|reference} (the Vector API kernels or the scalar reference) and {@code --device cpu|gpu|<tornado device id>}
 * (a device other than {@code cpu} loads the optional TornadoVM backend through {@link DeviceBackends}). After parsing,
 * {@link #apply} checks them together and sizes the worker pool; {@link #backend} creates the backend they name, once.
 */
@Command(name = "hifi", customSynopsis = "hifi <command> [flags]", sortOptions = false,
        mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class, descriptionHeading = "%n",
        optionListHeading = "%nGlobal options (before or after the command):%n", commandListHeading = "%nCommands:%n",
        description = "HiFi fine-tuning on a pure-Java transformer engine: convert, select, train, eval, predict, merge.",
        footer = {"", "Global options go before or after the command. Run 'hifi <command> --help' for a command's flags."})
public final class GlobalOptions {
    @Spec
    private CommandSpec spec;

    private Integer threads;
    private String backendName;
    private String device;
    private Backend backend;

    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT, order = 100,
            description = "worker threads for the compute kernels (default: all processors)")
    void threads(String value) {
        once(threads, "--threads");
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1 || n > 4096) throw new NumberFormatException();
            threads = n;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--threads expects a whole number from 1 to 4096, got '" + value + "'");
        }
    }

    @Option(names = "--backend", paramLabel = "simd|reference", scope = ScopeType.INHERIT, order = 101,
            completionCandidates = BackendNames.class,
            description = "Vector API kernels (default) or the scalar reference backend")
    void backend(String value) {
        once(backendName, "--backend");
        if (!value.equals("simd") && !value.equals("reference")) {
            throw new ParameterException(spec.commandLine(), "--backend must be simd or reference, got '" + value + "'");
        }
        backendName = value;
    }

    @Option(names = "--device", paramLabel = "cpu|gpu|ID", scope = ScopeType.INHERIT, order = 102,
            description = {"where to compute: cpu (default), the first GPU, or a TornadoVM device id such as 0:1",
                    "(needs a build with -Ptornado run through TornadoVM)"})
    void device(String value) {
        once(device, "--device");
        if (value.isBlank()) throw new ParameterException(spec.commandLine(), "--device expects cpu, gpu or a TornadoVM device id, got ''");
        device = value.strip();
    }

    private void once(Object current, String flag) {
        if (current != null) throw new ParameterException(spec.commandLine(), flag + " given more than once");
    }

    /** The choices of {@code --backend}, for shell completion. */
    static final class BackendNames extends java.util.ArrayList<String> {
        BackendNames() {
            super(java.util.List.of("simd", "reference"));
        }
    }

    /** The backend given with {@code --backend}, or null. */
    String backendName() {
        return backendName;
    }

    private boolean onCpu() {
        return device == null || device.equals("cpu");
    }

    /**
     * Checks the options together and applies them: sizes the worker pool and opens the {@code --device}. A
     * {@link UsageException} for options that do not fit together, a
     * {@link hifi.engine.backend.DeviceUnavailableException} when {@code --device} names a device this build or JVM
     * cannot use.
     */
    void apply() {
        if (!onCpu() && backendName != null) {
            throw new UsageException("--backend " + backendName + " picks a CPU backend; it cannot be combined with --device " + device);
        }
        if (backendName != null && backendName.equals("simd") && !VectorModuleLauncher.available()) {
            throw new UsageException(VectorModuleLauncher.MISSING);
        }
        if (!onCpu()) {
            backend = DeviceBackends.open(device);
            if (threads != null) backend.workers().setThreads(threads);
        }
    }

    /** The backend the options name, created on first use: the device's, the named CPU backend, or the default. */
    synchronized Backend backend() {
        if (backend == null) {
            String name = backendName != null ? backendName : Backends.defaultName();
            backend = threads != null ? Backends.byName(name, threads) : Backends.byName(name);
        }
        return backend;
    }
}
