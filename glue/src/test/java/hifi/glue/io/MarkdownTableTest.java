package hifi.glue.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MarkdownTableTest {

    @Test
    void alignsAndEscapes() {
        String md = new MarkdownTable(List.of("method", "score"), 1).row(List.of("a|b", "1.0")).render();
        assertEquals("| method | score |\n|---|---:|\n| a\\|b | 1.0 |\n", md);
        assertThrows(IllegalArgumentException.class, () -> new MarkdownTable(List.of("x"), 1).row(List.of("1", "2")));
    }
}
