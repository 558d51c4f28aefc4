package hifi.glue.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured markdown table; {@code |} inside cells is escaped. The first {@code textColumns} columns are
 * left-aligned (labels), the rest right-aligned (numbers).
 */
public final class MarkdownTable {
    private final List<String> header;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(List<String> header, int textColumns) {
        if (header.isEmpty()) throw new IllegalArgumentException("a table needs columns");
        if (textColumns < 0 || textColumns > header.size()) throw new IllegalArgumentException("bad textColumns " + textColumns);
        this.header = List.copyOf(header);
        this.textColumns = textColumns;
    }

    /** Adds a row; it must have one cell per column. */
    public MarkdownTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** The table as markdown, ending with a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        sb.append('|');
        for (int i = 0; i < header.size(); i++) sb.append(i < textColumns ? "---|" : "---:|");
        sb.append('\n');
        for (List<String> r : rows) line(sb, r);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        sb.append('\n');
    }
}
