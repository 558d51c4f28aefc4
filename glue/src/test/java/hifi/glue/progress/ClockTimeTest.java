package hifi.glue.progress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClockTimeTest {

    @Test
    void clockTime() {
        assertEquals("0:00", ClockTime.format(0));
        assertEquals("1:05", ClockTime.format(65));
        assertEquals("2:00:01", ClockTime.format(7201));
    }
}
