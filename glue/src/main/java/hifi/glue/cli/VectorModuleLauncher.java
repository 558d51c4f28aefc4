package hifi.glue.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The Vector API is an incubator module in JDK 25 and an executable jar's manifest cannot add modules. When the JVM was
 * started without {@code --add-modules jdk.incubator.vector}, this starts a child JVM with the flag (same java binary,
 * same class path, same arguments, same maximum heap) and forwards its exit code. The {@code bin/hifi} script passes the flag
 * itself, so no second JVM is needed there.
 */
final class VectorModuleLauncher {
    static final String MODULE = "jdk.incubator.vector";
    static final String GUARD = "HIFI_RELAUNCHED";
    static final String MISSING = "the Vector API module " + MODULE + " is not loaded: start the JVM with "
            + "'java --add-modules " + MODULE + " -jar hifi.jar …' (the bin/hifi script does), or pass --backend reference";

    private VectorModuleLauncher() {
    }

    /** Whether the Vector API module is in the boot layer. */
    static boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** Returns {@code true} after having run the command in a child JVM (the caller then returns). */
    static boolean relaunchIfNeeded(String[] args, Class<?> main) throws Exception {
        if (available() || System.getenv(GUARD) != null) return false;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", MODULE, "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.getRuntime().maxMemory() != Long.MAX_VALUE) cmd.add("-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(GUARD, "1");
        System.exit(pb.start().waitFor());
        return true;
    }
}
