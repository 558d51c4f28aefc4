package hifi.engine.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The schedule against its closed form (HF get_linear_schedule_with_warmup). */
class LinearScheduleTest {
    @Test
    void warmupThenLinearDecay() {
        LinearSchedule s = new LinearSchedule(1e-3f, 10, 110);
        assertEquals(0f, s.lr(0));
        assertEquals(5e-4f, s.lr(5), 1e-10);
        assertEquals(1e-3f, s.lr(10), 1e-10);
        assertEquals(5e-4f, s.lr(60), 1e-10);
        assertEquals(1e-5f, s.lr(109), 1e-10);
        assertEquals(0f, s.lr(110));
        assertEquals(0f, s.lr(500));
    }

    @Test
    void ratioRoundsUpAndNoWarmupStartsAtPeak() {
        assertEquals(6, LinearSchedule.withWarmupRatio(1f, 0.06, 100).warmupSteps()); // 0.06·100 = 6.0 exactly in double
        assertEquals(6, LinearSchedule.withWarmupRatio(1f, 0.06, 90).warmupSteps()); // ceil(5.3999999999999995)
        assertEquals(3, LinearSchedule.withWarmupRatio(1f, 0.1, 25).warmupSteps()); // ceil(2.5)
        LinearSchedule s = new LinearSchedule(2f, 0, 4);
        assertEquals(2f, s.lr(0));
        assertEquals(1f, s.lr(2));
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1f, 5, 4));
    }
}
