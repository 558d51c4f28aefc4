package hifi.glue.cli;

import hifi.method.scoring.CorrelationMeasure;
import hifi.method.scoring.GraphScope;
import hifi.method.scoring.GraphVariant;
import hifi.method.scoring.RichnessMeasure;
import hifi.method.select.SelectionConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The head-selection settings {@code select} and {@code stability} share ({@code @Mixin}): how heads are ranked and
 * picked, and how the calibration examples are run. Options left out keep {@link SelectionConfig#defaults()}.
 * {@code --selection} and {@code --order} are kept as words (a {@code Boolean} field would make picocli read them as
 * switches, and {@code --selection global} would fail).
 */
public final class SelectionOptions {
    @Option(names = "--k", paramLabel = "K", order = 6, description = "heads per layer (default 1); with --selection global, K·layers overall")
    Integer k;

    @Option(names = "--variant", paramLabel = "A|B|C", order = 7, description = "head graph variant (default B)")
    GraphVariant variant;

    @Option(names = "--scope", paramLabel = "layer|global", order = 8,
            description = "one PageRank graph per layer (default) or over all heads")
    GraphScope scope;

    @Option(names = "--richness", paramLabel = "M", order = 9,
            description = "nuclear (default), entropy_rank, thresh_rank[:eps], topk_energy[:t]")
    RichnessMeasure richness;

    @Option(names = "--correlation", paramLabel = "M", order = 10,
            description = "rv (default), abs_cosine, cov_fro")
    CorrelationMeasure correlation;

    @Option(names = "--method", paramLabel = "M", order = 11, converter = SelectionMethod.class,
            description = "hifi (default), info-only, corr-only")
    String method;

    @Option(names = "--selection", paramLabel = "layer|global", order = 12, converter = Selection.class,
            description = "layer (default): top K per layer; global: top K·layers overall")
    String selection;

    @Option(names = "--order", paramLabel = "top|lowest", order = 12, converter = Order.class,
            description = "top (default): the best-ranked heads; lowest: the worst-ranked (a negative control)")
    String order;

    @Option(names = "--normalise-info", order = 13, description = "divide information by its per-layer maximum (matters for --scope global)")
    boolean normaliseInfo;

    @Option(names = "--batch-size", paramLabel = "B", order = 15, description = "examples per forward batch (default 32)")
    Integer batchSize;

    @Option(names = "--max-length", paramLabel = "L", order = 16, description = "tokens per example (default 128)")
    Integer maxLength;

    static final class SelectionMethod implements ITypeConverter<String> {
        @Override
        public String convert(String value) throws Exception {
            return Converters.choice(List.of("hifi", "info-only", "corr-only"), m -> m).convert(value);
        }
    }

    static final class Selection implements ITypeConverter<String> {
        @Override
        public String convert(String value) throws Exception {
            return Converters.choice(List.of("layer", "global"), s -> s).convert(value);
        }
    }

    static final class Order implements ITypeConverter<String> {
        @Override
        public String convert(String value) throws Exception {
            return Converters.choice(List.of("top", "lowest"), s -> s).convert(value);
        }
    }

    /** {@code c} with the settings named by the options; a {@link UsageException} for values out of range. */
    SelectionConfig applyTo(SelectionConfig c) {
        try {
            if (k != null) c = c.withK(positive(k, "--k"));
            if (variant != null) c = c.withVariant(variant);
            if (scope != null) c = c.withScope(scope);
            if (richness != null) c = c.withRichness(richness);
            if (correlation != null) c = c.withCorrelation(correlation);
            if (method != null) c = c.withMethod(method);
            if (selection != null) c = c.withGlobalSelection(selection.equals("global"));
            if (order != null) c = c.withLowest(order.equals("lowest"));
            if (normaliseInfo) c = c.withNormaliseInformation(true);
            if (batchSize != null) c = c.withBatchSize(positive(batchSize, "--batch-size"));
            if (maxLength != null) c = c.withMaxLength(positive(maxLength, "--max-length"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return c;
    }

    static int positive(int value, String flag) {
        if (value < 1) throw new UsageException(flag + " must be a positive integer, got \"" + value + "\"");
        return value;
    }
}
