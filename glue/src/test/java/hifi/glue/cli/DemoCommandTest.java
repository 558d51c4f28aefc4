package hifi.glue.cli;

import hifi.glue.tasks.GlueTask;
import hifi.glue.train.TrainSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's pieces (the whole demo takes minutes; its model conversion is tested in BundledModelTest). */
class DemoCommandTest {

    @Test
    void bothRunsShareTheSettingsButTheLearningRate() {
        DemoCommand demo = new DemoCommand();
        Commands.commandLine(List.of(demo)).parseArgs("demo", "--epochs", "1", "--lr", "3e-3");
        TrainSettings hifi = demo.settings(Path.of("m"), DemoCommand.HIFI);
        TrainSettings probe = demo.settings(Path.of("m"), DemoCommand.PROBE);
        assertEquals(GlueTask.SENTIMENT, hifi.task());
        assertNull(hifi.data(), "the bundled sentences");
        assertEquals("hifi", hifi.method());
        assertEquals("linear-probe", probe.method());
        assertEquals(3e-3, hifi.learningRate());
        assertEquals(1e-2, probe.learningRate());
        assertEquals(64, hifi.maxLength());
        assertEquals(1, hifi.k());
        assertEquals(hifi.epochs(), probe.epochs());
        assertEquals(hifi.seed(), probe.seed());
    }

    @Test
    void summaryTableShowsTrainableShareAndAccuracy() {
        String table = DemoCommand.table(List.of(new DemoCommand.Row("hifi", 444_098, 1.9552, 0.9333, 200),
                new DemoCommand.Row("linear-probe", 770, 0.0034, 0.7933, 100)));
        assertTrue(table.contains("| hifi | 444,098 | 1.9552 | 0.9333 | 3:20 |"), table);
        assertTrue(table.contains("| linear-probe | 770 | 0.0034 | 0.7933 | 1:40 |"), table);
    }
}
