package hifi.method.scoring;

/**
 * The per-head and per-pair averages that scoring starts from (what the statistics pass produces).
 *
 * @param samples           number of calibration examples averaged
 * @param information       {@code I[l][h]}, mean information richness
 * @param correlation       {@code R[l][i][j]}, mean correlation between heads {@code i} and {@code j} of layer
 *                          {@code l}; symmetric, diagonal 0
 * @param globalCorrelation {@code [L·H][L·H]} over all heads (index {@code l·H + h}), symmetric, diagonal 0, or
 *                          {@code null} when cross-layer correlations were not measured
 */
public record HeadStatistics(int samples, double[][] information, double[][][] correlation, double[][] globalCorrelation) {

    public HeadStatistics {
        if (information.length == 0) throw new IllegalArgumentException("head statistics need at least one layer");
        if (correlation.length != information.length) {
            throw new IllegalArgumentException("correlation has " + correlation.length + " layers, information " + information.length);
        }
        int heads = information[0].length;
        for (int l = 0; l < information.length; l++) {
            if (information[l].length != heads || correlation[l].length != heads) {
                throw new IllegalArgumentException("layer " + l + " does not have " + heads + " heads");
            }
        }
        if (globalCorrelation != null && globalCorrelation.length != information.length * heads) {
            throw new IllegalArgumentException("global correlation is " + globalCorrelation.length + " wide, expected " + information.length * heads);
        }
    }

    public int layers() {
        return information.length;
    }

    public int heads() {
        return information[0].length;
    }

    /** The {@code [L·H][L·H]} correlation, or a clear error when the pass did not measure it. */
    public double[][] requireGlobalCorrelation() {
        if (globalCorrelation == null) {
            throw new IllegalStateException("global scope needs cross-layer correlations: run the statistics pass with cross-layer correlations enabled");
        }
        return globalCorrelation;
    }
}
