package hifi.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs of a harness's command line; an unknown name or a missing value stops with the usage. */
final class BenchArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final String usage;

    BenchArgs(String[] args, String usage, List<String> known) {
        this.usage = usage;
        for (int i = 0; i < args.length; i++) {
            String k = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(k) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument \"" + args[i] + "\" (usage: " + usage + ")");
            }
            values.put(k, args[++i]);
        }
    }

    /** The value of {@code --name}, which must be given. */
    String required(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("missing --" + name + " (usage: " + usage + ")");
        return v;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
