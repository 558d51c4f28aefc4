package hifi.bench;

import hifi.convert.Converter;
import hifi.engine.bert.BertModel;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Times weights conversion and model loading, one line per run: {@code convert} (source → model directory, wall and
 * process CPU seconds), {@code open} (memory-map and validate model.safetensors), {@code load} ({@link BertModel#load}:
 * config, mmap, every encoder tensor copied to the heap; a missing pooler freshly initialised). The first run is cold
 * (fresh JVM, cold caches for the source); the median of all runs is printed last.
 *
 * <p>Usage: {@code ConversionHarness --from <source> --out <dir> [--runs N]}.
 */
public final class ConversionHarness {
    private ConversionHarness() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i], args[i + 1]);
        if (!a.containsKey("--from") || !a.containsKey("--out")) {
            System.err.println("usage: ConversionHarness --from <source> --out <dir> [--runs N]");
            System.exit(2);
        }
        Path from = Path.of(a.get("--from"));
        Path out = Path.of(a.get("--out"));
        int runs = Integer.parseInt(a.getOrDefault("--runs", "3"));
        System.out.println("# " + from + ", JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double[][] t = new double[4][runs];
        for (int r = 0; r < runs; r++) {
            long w0 = System.nanoTime();
            long c0 = cpu();
            Converter.convert(from, out, true);
            t[0][r] = (System.nanoTime() - w0) / 1e9;
            t[1][r] = (cpu() - c0) / 1e9;
            long o0 = System.nanoTime();
            SafetensorsFile opened = ModelDirectory.open(out).openWeights();
            t[2][r] = (System.nanoTime() - o0) / 1e9;
            opened.close();
            long l0 = System.nanoTime();
            int tensors = load(out);
            t[3][r] = (System.nanoTime() - l0) / 1e9;
            System.out.printf("run %d: convert %.2f s wall, %.2f s CPU; open (mmap + validate) %.4f s; load (BertModel.load, %d parameters%s) %.2f s%n",
                    r + 1, t[0][r], t[1][r], t[2][r], tensors, "", t[3][r]);
        }
        System.out.printf("median: convert %.2f s wall, %.2f s CPU; open %.4f s; load %.2f s%n",
                median(t[0]), median(t[1]), median(t[2]), median(t[3]));
    }

    /** The engine's own loading path: {@link BertModel#load} (config, mmap, every encoder tensor copied to the heap). */
    private static int load(Path dir) throws IOException {
        BertModel model = BertModel.load(dir, 1);
        return model.parameters().size();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
