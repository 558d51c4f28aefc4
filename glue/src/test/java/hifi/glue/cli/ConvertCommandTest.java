package hifi.glue.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hifi convert}'s command line (moved here with the parsing from the weights-converter's former ConvertCommand). */
class ConvertCommandTest {

    @Test
    void usageErrors() {
        for (String[] args : new String[][] {{}, {"--from"}, {"--from", "x"}, {"--bogus"}}) {
            String[] all = new String[args.length + 1];
            all[0] = "convert";
            System.arraycopy(args, 0, all, 1, args.length);
            AppRun r = AppRun.of(all);
            assertEquals(Exit.USAGE, r.code(), String.join(" ", args));
            assertTrue(r.err().contains("hifi convert --help"), r.err());
        }
    }
}
