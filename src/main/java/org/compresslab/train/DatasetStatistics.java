package org.compresslab.train;

import java.util.Random;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;

/** Per-channel mean and standard deviation of a dataset's pixels in [0, 1], from a seeded sample. */
public final class DatasetStatistics {
    private DatasetStatistics() {
    }

    /** A preprocessing of the given size whose mean/std are the dataset's (estimated on up to {@code sample} images). */
    public static Preprocessing normalizing(ImageDataset dataset, int width, int height, int channels, int sample, long seed) {
        Preprocessing raw = Preprocessing.unnormalized(width, height, channels);
        int n = Math.min(sample, dataset.size());
        Random r = new Random(seed);
        double[] sum = new double[channels];
        double[] sq = new double[channels];
        long perChannel = 0;
        float[] buf = new float[raw.elementsPerImage()];
        int plane = width * height;
        for (int k = 0; k < n; k++) {
            int i = n == dataset.size() ? k : r.nextInt(dataset.size());
            raw.apply(dataset.get(i).image(), buf, 0);
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    double v = buf[c * plane + p];
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
            perChannel += plane;
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / perChannel;
            mean[c] = (float) (Math.round(m * 1e4) / 1e4);
            std[c] = (float) (Math.round(Math.sqrt(Math.max(1e-12, sq[c] / perChannel - m * m)) * 1e4) / 1e4);
        }
        return new Preprocessing(width, height, channels, mean, std, Preprocessing.NCHW);
    }
}
