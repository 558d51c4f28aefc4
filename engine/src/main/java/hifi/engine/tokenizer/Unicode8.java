package hifi.engine.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Which code points Unicode 8.0 had assigned. HuggingFace {@code tokenizers} takes general categories from Unicode
 * 8.0 tables, so a character assigned later (a newer punctuation mark, format character or combining mark) has no
 * category there and is kept as an ordinary character; the JDK knows newer Unicode versions. The ranges are read
 * from {@code unicode-8.0-assigned.txt}, generated from the Unicode Character Database (property
 * {@code Present_In=8.0}) by {@code engine/src/test/scripts/unicode_8_assigned.pl}.
 */
final class Unicode8 {
    private static final String TABLE = "unicode-8.0-assigned.txt";
    /** Every code point below this was assigned by Unicode 8.0 (the table's first range). */
    private static final int ALL_ASSIGNED_BELOW = 0x378;
    private static final int[] RANGE_STARTS;
    private static final int[] RANGE_ENDS;

    static {
        int[][] ranges = readRanges();
        RANGE_STARTS = ranges[0];
        RANGE_ENDS = ranges[1];
    }

    private Unicode8() {}

    /** Whether {@code cp} was assigned (had a general category) in Unicode 8.0. */
    static boolean isAssigned(int cp) {
        if (cp < ALL_ASSIGNED_BELOW) return true;
        int i = Arrays.binarySearch(RANGE_STARTS, cp);
        if (i >= 0) return true;
        int range = -i - 2; // the last range starting before cp
        return range >= 0 && cp <= RANGE_ENDS[range];
    }

    private static int[][] readRanges() {
        InputStream in = Unicode8.class.getResourceAsStream(TABLE);
        if (in == null) throw new IllegalStateException("resource " + TABLE + " is missing from the engine jar");
        int[] starts = new int[1024];
        int[] ends = new int[1024];
        int n = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] fields = line.trim().split(" ");
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                starts[n] = Integer.parseInt(fields[0], 16);
                ends[n] = Integer.parseInt(fields[1], 16);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + TABLE, e);
        }
        if (n == 0 || starts[0] != 0 || ends[0] + 1 != ALL_ASSIGNED_BELOW) {
            throw new IllegalStateException("resource " + TABLE + " does not start with the range 0.." 
                    + Integer.toHexString(ALL_ASSIGNED_BELOW - 1));
        }
        return new int[][] {Arrays.copyOf(starts, n), Arrays.copyOf(ends, n)};
    }
}
