package hifi.convert.pickle;

/** A global ({@code module.name}) named by a pickle, from the allow-list; it is only a marker, never resolved or run. */
public record PickleGlobal(String module, String name) {
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
