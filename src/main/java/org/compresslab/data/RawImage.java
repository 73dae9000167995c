package org.compresslab.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit image with 1 (gray) or 3 (RGB) channels, pixels stored row by row with the channels of a
 * pixel next to each other (HWC). Immutable.
 */
public final class RawImage {

    private final int width;
    private final int height;
    private final int channels;
    private final byte[] pixels;

    /** Copies {@code pixels}, which must hold {@code width*height*channels} bytes in HWC order. */
    public RawImage(int width, int height, int channels, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image has 1 (gray) or 3 (RGB) channels, got " + channels);
        }
        long expected = (long) width * height * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("a " + width + "x" + height + "x" + channels + " image needs "
                    + expected + " bytes, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels.clone();
    }

    /**
     * Converts a decoded image. Gray images (including gray palettes, 1/2/4/16-bit gray and gray with
     * alpha) become 1 channel; everything else becomes 3-channel sRGB. Alpha is dropped, not composited,
     * which is what PIL's {@code convert("RGB")}/{@code convert("L")} do in Python training pipelines.
     */
    public static RawImage fromBufferedImage(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel palette) {
            return isGrayPalette(palette) ? grayFromPalette(image, palette) : rgbFrom(image);
        }
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Read samples directly: getRGB would push Java's linear gray through an sRGB curve and
            // change the stored values.
            int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            int bits = cm.getComponentSize(0);
            byte[] out = new byte[w * h];
            if (bits == 8) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) samples[i];
                }
            } else {
                double max = (1L << bits) - 1;
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) Math.round(samples[i] * 255.0 / max);
                }
            }
            return new RawImage(w, h, 1, out);
        }
        return rgbFrom(image);
    }

    private static boolean isGrayPalette(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            int r = palette.getRed(i);
            if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    private static RawImage grayFromPalette(BufferedImage image, IndexColorModel palette) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] index = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) palette.getRed(index[i]);
        }
        return new RawImage(w, h, 1, out);
    }

    private static RawImage rgbFrom(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0, o = 0; i < argb.length; i++, o += 3) {
            int p = argb[i];
            out[o] = (byte) (p >> 16);
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) p;
        }
        return new RawImage(w, h, 3, out);
    }

    /** A gray image as {@code TYPE_BYTE_GRAY}, an RGB one as {@code TYPE_INT_RGB}; for previews and tests. */
    public BufferedImage toBufferedImage() {
        if (channels == 1) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = img.getRaster();
            int[] samples = new int[pixels.length];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = pixels[i] & 0xFF;
            }
            raster.setSamples(0, 0, width, height, 0, samples);
            return img;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        for (int i = 0, o = 0; i < rgb.length; i++, o += 3) {
            rgb[i] = (pixels[o] & 0xFF) << 16 | (pixels[o + 1] & 0xFF) << 8 | (pixels[o + 2] & 0xFF);
        }
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** A copy of the pixels, HWC order. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The shared pixel array; callers in this package must not modify it. */
    byte[] pixelArray() {
        return pixels;
    }

    /** One sample, 0..255. */
    public int sample(int x, int y, int channel) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(channel, channels);
        return pixels[(y * width + x) * channels + channel] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawImage other
                && width == other.width && height == other.height && channels == other.channels
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(width, height, channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RawImage[" + width + "x" + height + "x" + channels + "]";
    }
}
