package hifi.method.select;

/**
 * One calibration input: a single text ({@code textB == null}) or a text pair, with an identifier that is logged in
 * {@code heads.json} (e.g. the row number in the task's training file). Labels are not needed: head selection does
 * not look at them.
 */
public record TextExample(String id, String textA, String textB) {
    public TextExample {
        if (id == null) throw new IllegalArgumentException("example id must not be null");
        if (textA == null) throw new IllegalArgumentException("example " + id + " has no text");
    }

    public boolean isPair() {
        return textB != null;
    }
}
