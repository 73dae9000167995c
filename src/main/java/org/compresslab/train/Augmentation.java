package org.compresslab.train;

import java.util.Random;
import org.compresslab.data.Preprocessing;

/**
 * Training-time augmentation on preprocessed NCHW batches: a random crop of the image padded by
 * {@code padding} pixels of black (as torchvision's RandomCrop with padding) and a random horizontal flip.
 */
final class Augmentation {
    private final int padding;
    private final boolean flip;
    private final float[] black;

    Augmentation(int padding, boolean flip, Preprocessing prep) {
        this.padding = padding;
        this.flip = flip;
        if (!prep.isChannelsFirst() && (padding > 0 || flip)) {
            throw new IllegalArgumentException("augmentation needs NCHW preprocessing");
        }
        // a black pixel (0) after normalisation, per channel
        black = new float[prep.channels()];
        for (int c = 0; c < black.length; c++) {
            black[c] = (0f - prep.mean()[c]) / prep.std()[c];
        }
    }

    boolean isIdentity() {
        return padding == 0 && !flip;
    }

    void apply(float[] data, int images, int channels, int height, int width, Random random) {
        if (isIdentity()) {
            return;
        }
        float[] plane = new float[height * width];
        int per = channels * height * width;
        for (int i = 0; i < images; i++) {
            int dx = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
            int dy = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
            boolean mirror = flip && random.nextBoolean();
            for (int c = 0; c < channels; c++) {
                int base = i * per + c * height * width;
                System.arraycopy(data, base, plane, 0, plane.length);
                for (int y = 0; y < height; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < width; x++) {
                        int tx = mirror ? width - 1 - x : x;
                        int sx = tx + dx;
                        data[base + y * width + x] = sy < 0 || sy >= height || sx < 0 || sx >= width ? black[c]
                                : plane[sy * width + sx];
                    }
                }
            }
        }
    }
}
