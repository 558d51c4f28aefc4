package hifi.convert.model;

import hifi.engine.io.ModelFormatException;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tensors by name in insertion order, as read from one source (which labels errors); names are unique. */
public final class StateDict {
    private final Path source;
    private final Map<String, NamedTensor> tensors = new LinkedHashMap<>();

    public StateDict(Path source) {
        this.source = source;
    }

    /** The file or directory the tensors came from. */
    public Path source() {
        return source;
    }

    /** Adds a tensor; a name seen before is an error naming the tensor. */
    public void add(NamedTensor t) {
        if (tensors.putIfAbsent(t.name(), t) != null) {
            throw new ModelFormatException(source, t.name(), "duplicate tensor");
        }
    }

    public NamedTensor get(String name) {
        return tensors.get(name);
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public NamedTensor remove(String name) {
        return tensors.remove(name);
    }

    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public Collection<NamedTensor> tensors() {
        return tensors.values();
    }

    public int size() {
        return tensors.size();
    }
}
