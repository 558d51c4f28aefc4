package hifi.glue.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hifi select}'s command line (moved here with the parsing from the hifi module's former SelectCommand). */
class SelectCommandTest {

    @Test
    void badCommandLinesExitWithUsage() {
        String[][] bad = {
                {"--task", "rte", "--data", "d", "--out", "o"},
                {"--model", "m", "--task", "rte", "--data", "d", "--out", "o", "--frobnicate"},
                {"--model", "m", "--task", "rte", "--data", "d", "--out", "o", "--variant", "D"},
                {"--model", "m", "--task", "rte", "--data", "d", "--out", "o", "--k", "0"},
                {"--model", "m", "--task", "rte", "--data", "d", "--out", "o", "--samples"},
                {"--model", "m", "--task", "rte", "--data", "d", "--out", "o", "--scope", "world"},
                {"--model", "m", "--model", "m2", "--task", "rte", "--data", "d", "--out", "o"},
        };
        StringBuilder err = new StringBuilder();
        for (String[] args : bad) {
            String[] all = new String[args.length + 1];
            all[0] = "select";
            System.arraycopy(args, 0, all, 1, args.length);
            AppRun r = AppRun.of(all);
            assertEquals(Exit.USAGE, r.code(), String.join(" ", args) + ": " + r);
            err.append(r.err());
        }
        assertTrue(err.toString().contains("--variant"), "the message names the flag");
    }

    @Test
    void missingFoldersFail(@TempDir Path tmp) {
        AppRun r = AppRun.of("select", "--model", tmp.resolve("nope").toString(), "--task", "rte", "--data", tmp.toString(),
                "--out", tmp.toString());
        assertEquals(Exit.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("nope"), r.err());
    }

    @Test
    void selectionAndOrderTakeAWord(@TempDir Path tmp) {
        for (String command : new String[] {"select", "stability"}) {
            String tasks = command.equals("select") ? "--task" : "--tasks";
            AppRun r = AppRun.of(command, "--model", tmp.resolve("nope").toString(), tasks, "rte", "--data", tmp.toString(),
                    "--out", tmp.resolve("o").toString(), "--selection", "global", "--order", "lowest");
            assertEquals(Exit.FAILURE, r.code(), "parsed, then the missing model stops it: " + r);
            assertTrue(r.err().contains("nope"), r.err());
            AppRun bad = AppRun.of(command, "--model", "m", tasks, "rte", "--out", "o", "--order", "worst");
            assertEquals(Exit.USAGE, bad.code(), bad.toString());
            assertTrue(bad.err().contains("top, lowest"), bad.toString());
        }
    }

    @Test
    void helpPrintsUsage() {
        AppRun r = AppRun.of("select", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--richness"));
    }
}
