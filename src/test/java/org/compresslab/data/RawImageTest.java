package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawImageTest {

    @TempDir
    Path tmp;

    @Test
    void grayImageKeepsOneChannelAndExactValues() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 17);
        gray.getRaster().setSample(1, 0, 0, 200);

        RawImage image = RawImage.fromBufferedImage(gray);

        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.pixels()).containsExactly(17, (byte) 200);
    }

    @Test
    void sixteenBitGrayIsScaledToEightBits() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(0, 0, 0, 65535);
        gray.getRaster().setSample(1, 0, 0, 257 * 100);

        RawImage image = RawImage.fromBufferedImage(gray);

        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.sample(0, 0, 0)).isEqualTo(255);
        assertThat(image.sample(1, 0, 0)).isEqualTo(100);
    }

    @Test
    void colourImageBecomesRgbInHwcOrder() {
        BufferedImage bgr = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, 0x102030);
        bgr.setRGB(1, 0, 0xA0B0C0);

        RawImage image = RawImage.fromBufferedImage(bgr);

        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.pixels()).containsExactly(0x10, 0x20, 0x30, (byte) 0xA0, (byte) 0xB0, (byte) 0xC0);
    }

    @Test
    void alphaIsDroppedNotComposited() {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x40FF8000);

        RawImage image = RawImage.fromBufferedImage(argb);

        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.pixels()).containsExactly((byte) 0xFF, (byte) 0x80, 0x00);
    }

    @Test
    void colourPalettePngBecomesRgb() throws Exception {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, 0};
        byte[] b = {0, (byte) 255};
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 2, r, g, b));
        indexed.getRaster().setSample(1, 0, 0, 1);
        Path file = TestData.png(tmp.resolve("palette.png"), indexed);

        RawImage image = RawImage.fromBufferedImage(ImageIO.read(file.toFile()));

        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.pixels()).containsExactly((byte) 255, 0, 0, 0, 0, (byte) 255);
    }

    @Test
    void grayPalettePngStaysGray() throws Exception {
        BufferedImage binary = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(1, 0, 0, 1);
        Path file = TestData.png(tmp.resolve("binary.png"), binary);

        RawImage image = RawImage.fromBufferedImage(ImageIO.read(file.toFile()));

        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.pixels()).containsExactly(0, (byte) 255);
    }

    @Test
    void pngRoundTripKeepsPixels() throws Exception {
        RawImage rgb = new RawImage(2, 2, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        RawImage gray = new RawImage(2, 1, 1, new byte[] {0, (byte) 254});

        Path rgbFile = TestData.png(tmp.resolve("rgb.png"), rgb.toBufferedImage());
        Path grayFile = TestData.png(tmp.resolve("gray.png"), gray.toBufferedImage());

        assertThat(RawImage.fromBufferedImage(ImageIO.read(rgbFile.toFile()))).isEqualTo(rgb);
        assertThat(RawImage.fromBufferedImage(ImageIO.read(grayFile.toFile()))).isEqualTo(gray);
    }

    @Test
    void rejectsPixelArraysOfTheWrongLength() {
        assertThatThrownBy(() -> new RawImage(2, 2, 3, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a 2x2x3 image needs 12 bytes, got 11");
        assertThatThrownBy(() -> new RawImage(2, 2, 2, new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 (gray) or 3 (RGB)");
    }

    @Test
    void isImmutable() {
        byte[] pixels = {5};
        RawImage image = new RawImage(1, 1, 1, pixels);
        pixels[0] = 9;
        image.pixels()[0] = 9;

        assertThat(image.sample(0, 0, 0)).isEqualTo(5);
    }
}
