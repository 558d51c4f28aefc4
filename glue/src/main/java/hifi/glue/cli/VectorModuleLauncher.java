package hifi.glue.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The Vector API is an incubator module in JDK 25 and an executable jar's manifest cannot add modules. When the JVM was
 * started without {@code --add-modules jdk.incubator.vector}, this starts a child JVM with the flag (same java binary,
 * same class path, same arguments) and forwards its exit code.
 */
final class VectorModuleLauncher {
    static final String MODULE = "jdk.incubator.vector";
    static final String GUARD = "HIFI_RELAUNCHED";

    private VectorModuleLauncher() {
    }

    /** Returns {@code true} after having run the command in a child JVM (the caller then returns). */
    static boolean relaunchIfNeeded(String[] args, Class<?> main) throws Exception {
        if (ModuleLayer.boot().findModule(MODULE).isPresent() || System.getenv(GUARD) != null) return false;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", MODULE, "--enable-native-access=ALL-UNNAMED"));
        String xmx = Runtime.getRuntime().maxMemory() == Long.MAX_VALUE ? null : "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m";
        if (xmx != null) cmd.add(xmx);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(GUARD, "1");
        System.exit(pb.start().waitFor());
        return true;
    }
}
