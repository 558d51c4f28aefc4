package hifi.method.stability;

import hifi.method.scoring.HeadSelection;
import hifi.method.scoring.KendallTau;

import java.util.List;

/**
 * How far two rankings of the same {@code L × H} heads agree (scores indexed {@code [layer][head]}, higher = better):
 *
 * <ul>
 *   <li>{@code layerTau[l]}: Kendall τ-b ({@link KendallTau}) between the two score vectors of layer {@code l} — what
 *       top-{@code k}-per-layer selection depends on;</li>
 *   <li>{@code meanLayerTau}: the mean of the defined {@code layerTau} values;</li>
 *   <li>{@code globalTau}: τ-b over all {@code L·H} scores at once — what a global budget depends on (it also counts
 *       pairs of heads from different layers);</li>
 *   <li>{@code topOne}: the fraction of layers whose best head is the same in both, the best head picked as
 *       {@link HeadSelection} picks it (ties to the lower index).</li>
 * </ul>
 *
 * τ is {@code NaN} where undefined (a constant score vector); means skip undefined values.
 */
public record RankingAgreement(double[] layerTau, double meanLayerTau, double globalTau, double topOne) {

    public static RankingAgreement between(double[][] a, double[][] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("rankings of " + a.length + " and " + b.length + " layers cannot be compared");
        }
        int layers = a.length;
        double[] tau = new double[layers];
        int sameTop = 0;
        for (int l = 0; l < layers; l++) {
            if (a[l].length != b[l].length) {
                throw new IllegalArgumentException("layer " + l + " has " + a[l].length + " and " + b[l].length + " heads");
            }
            tau[l] = KendallTau.tauB(a[l], b[l]);
            if (HeadSelection.ranking(a[l])[0] == HeadSelection.ranking(b[l])[0]) sameTop++;
        }
        return new RankingAgreement(tau, mean(tau), KendallTau.tauB(flat(a), flat(b)), (double) sameTop / layers);
    }

    /** The average of several agreements: per layer, and of each summary, each over its defined values. */
    public static RankingAgreement average(List<RankingAgreement> all) {
        if (all.isEmpty()) throw new IllegalArgumentException("no agreements to average");
        int layers = all.getFirst().layerTau().length;
        double[] tau = new double[layers];
        for (int l = 0; l < layers; l++) {
            double[] column = new double[all.size()];
            for (int i = 0; i < all.size(); i++) column[i] = all.get(i).layerTau()[l];
            tau[l] = mean(column);
        }
        return new RankingAgreement(tau, mean(all.stream().mapToDouble(RankingAgreement::meanLayerTau).toArray()),
                mean(all.stream().mapToDouble(RankingAgreement::globalTau).toArray()),
                mean(all.stream().mapToDouble(RankingAgreement::topOne).toArray()));
    }

    /** The mean of the non-NaN values, {@code NaN} if there are none. */
    static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double[] flat(double[][] scores) {
        int heads = scores[0].length;
        double[] out = new double[scores.length * heads];
        for (int l = 0; l < scores.length; l++) {
            if (scores[l].length != heads) throw new IllegalArgumentException("layer " + l + " has " + scores[l].length + " heads, layer 0 " + heads);
            System.arraycopy(scores[l], 0, out, l * heads, heads);
        }
        return out;
    }
}
