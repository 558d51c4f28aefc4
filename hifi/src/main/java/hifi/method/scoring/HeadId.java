package hifi.method.scoring;

/** One attention head: its encoder layer and its index within the layer, both from 0. Ordered by layer, then head. */
public record HeadId(int layer, int head) implements Comparable<HeadId> {
    @Override
    public int compareTo(HeadId o) {
        return layer != o.layer ? Integer.compare(layer, o.layer) : Integer.compare(head, o.head);
    }

    @Override
    public String toString() {
        return "L" + layer + "H" + head;
    }
}
