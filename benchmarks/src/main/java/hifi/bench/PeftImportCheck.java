package hifi.bench;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.data.Batch;
import hifi.engine.io.Json;
import hifi.engine.io.ModelDirectory;
import hifi.method.adapter.Adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java half of the check that this project loads an adapter Python peft wrote: {@code
 * benchmarks/python/peft_export_check.py} saves a LoRA adapter with peft's {@code save_pretrained} and peft's logits
 * for a batch of token ids; this loads the same base and that adapter with {@link Adapter#load} (peft's layout as it
 * is, its model card and extra config keys included) and compares this engine's logits with peft's. Prints one JSON
 * line; exits 1 when the largest absolute difference is over the tolerance.
 *
 * <p>Usage: {@code PeftImportCheck --base DIR --adapter DIR --expected FILE [--tol 1e-4]}.
 */
public final class PeftImportCheck {
    private PeftImportCheck() {
    }

    public static void main(String[] args) throws IOException {
        BenchArgs a = new BenchArgs(args, "PeftImportCheck --base DIR --adapter DIR --expected FILE [--tol 1e-4]",
                List.of("base", "adapter", "expected", "tol"));
        ModelDirectory base = ModelDirectory.open(Path.of(a.required("base")));
        Path expectedFile = Path.of(a.required("expected"));
        double tol = Double.parseDouble(a.get("tol", "1e-4"));
        Map<String, Object> expected = Json.parseObject(Files.readString(expectedFile));
        int[][] ids = intRows(expected.get("input_ids"), expectedFile, "input_ids");
        int[][] mask = intRows(expected.get("attention_mask"), expectedFile, "attention_mask");
        List<?> logits = (List<?>) expected.get("logits");

        BertForSequenceClassification model = Adapter.load(Path.of(a.required("adapter"))).loadOnto(base, Backends.current());
        int labels = model.config().numLabels();
        double worst = 0;
        for (int i = 0; i < ids.length; i++) {
            // one sequence per batch, cut at its mask: the engine pads a batch itself
            int length = 0;
            while (length < mask[i].length && mask[i][length] == 1) length++;
            int[] seq = Arrays.copyOf(ids[i], length);
            Batch batch = Batch.pad(new int[][] {seq}, null, model.config().padTokenId(), null, null);
            float[] got = model.forward(batch, false, 0, null).logits().toArray();
            List<?> want = (List<?>) logits.get(i);
            for (int c = 0; c < labels; c++) worst = Math.max(worst, Math.abs(got[c] - ((Number) want.get(c)).doubleValue()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sequences", ids.length);
        out.put("max_abs_diff", worst);
        out.put("tol", tol);
        out.put("ok", worst <= tol);
        System.out.println(Json.write(out));
        if (!(worst <= tol)) {
            System.err.printf(Locale.ROOT, "peft-import: logits differ from peft's by %.3g > %.1g%n", worst, tol);
            System.exit(1);
        }
    }

    private static int[][] intRows(Object v, Path file, String key) {
        if (!(v instanceof List<?> rows)) throw new IllegalArgumentException(file + ": no list " + key);
        List<int[]> out = new ArrayList<>();
        for (Object r : rows) {
            List<?> row = (List<?>) r;
            int[] x = new int[row.size()];
            for (int j = 0; j < x.length; j++) x[j] = ((Number) row.get(j)).intValue();
            out.add(x);
        }
        return out.toArray(int[][]::new);
    }
}
