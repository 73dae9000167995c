package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {

    private static final Offset<Float> CLOSE = within(1e-4f);

    /** std = 1/255 undoes the scaling to [0,1], so outputs read as pixel values. */
    private static Preprocessing inPixelUnits(int width, int height, int channels, String layout) {
        return new Preprocessing(width, height, channels, new float[] {0f}, new float[] {1f / 255f}, layout);
    }

    private static float[] apply(Preprocessing prep, RawImage image) {
        float[] out = new float[prep.elementsPerImage()];
        prep.apply(image, out, 0);
        return out;
    }

    private static RawImage gray(int width, int height, int... values) {
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) values[i];
        }
        return new RawImage(width, height, 1, pixels);
    }

    private static RawImage rgb(int width, int height, int... values) {
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) values[i];
        }
        return new RawImage(width, height, 3, pixels);
    }

    @Nested
    class Json {

        @Test
        void writesTheDocumentedFormat() {
            Preprocessing prep = new Preprocessing(32, 32, 3, new float[] {0.5f}, new float[] {0.25f}, "nchw");

            assertThat(prep.toJson()).isEqualTo("{\"width\":32,\"height\":32,\"channels\":3,"
                    + "\"mean\":[0.5,0.5,0.5],\"std\":[0.25,0.25,0.25],\"layout\":\"NCHW\"}");
        }

        @Test
        void roundTripsThroughJson() {
            Preprocessing prep = new Preprocessing(224, 160, 3, new float[] {0.485f, 0.456f, 0.406f},
                    new float[] {0.229f, 0.224f, 0.225f}, "NHWC");

            Preprocessing back = Preprocessing.fromJson(prep.toJson());

            assertThat(back).isEqualTo(prep);
            assertThat(back.mean()).containsExactly(0.485f, 0.456f, 0.406f);
            assertThat(back.layout()).isEqualTo("NHWC");
            assertThat(back.isChannelsFirst()).isFalse();
        }

        @Test
        void oneMeanAndStdValueApplyToEveryChannel() {
            Preprocessing prep = Preprocessing.fromJson(
                    "{\"width\":8,\"height\":4,\"channels\":3,\"mean\":[0.1],\"std\":0.2}");

            assertThat(prep.mean()).containsExactly(0.1f, 0.1f, 0.1f);
            assertThat(prep.std()).containsExactly(0.2f, 0.2f, 0.2f);
        }

        @Test
        void missingMeanStdAndLayoutDefaultToPlainScalingInNchw() {
            Preprocessing prep = Preprocessing.fromJson("{\"width\":28,\"height\":28,\"channels\":1}");

            assertThat(prep).isEqualTo(Preprocessing.unnormalized(28, 28, 1));
            assertThat(prep.layout()).isEqualTo("NCHW");
        }

        @Test
        void readsAFile(@TempDir Path tmp) throws Exception {
            Path file = tmp.resolve("prep.json");
            Preprocessing prep = Preprocessing.unnormalized(4, 4, 3);
            prep.write(file);

            assertThat(Preprocessing.read(file)).isEqualTo(prep);
        }

        @Test
        void fileErrorsNameTheFile(@TempDir Path tmp) throws Exception {
            Path file = Files.writeString(tmp.resolve("bad.json"), "{\"width\":0,\"height\":1,\"channels\":1}");

            assertThatThrownBy(() -> Preprocessing.read(file))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageStartingWith(file + ": preprocessing: width and height must be positive");
            assertThatThrownBy(() -> Preprocessing.read(tmp.resolve("none.json")))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageEndingWith("none.json: preprocessing file not found");
        }
    }

    @Nested
    class Validation {

        private void rejects(String json, String message) {
            assertThatThrownBy(() -> Preprocessing.fromJson(json))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining(message);
        }

        @Test
        void rejectsNonPositiveSize() {
            rejects("{\"width\":0,\"height\":32,\"channels\":3}",
                    "preprocessing: width and height must be positive numbers of pixels, got 0x32");
        }

        @Test
        void rejectsChannelCountsOtherThanOneOrThree() {
            rejects("{\"width\":2,\"height\":2,\"channels\":4}", "channels must be 1 (gray) or 3 (RGB), got 4");
        }

        @Test
        void rejectsZeroStd() {
            rejects("{\"width\":2,\"height\":2,\"channels\":3,\"std\":[1,0,1]}",
                    "std[1] is 0; the standard deviation divides the pixel values and must not be zero");
        }

        @Test
        void rejectsMeanWithWrongLength() {
            rejects("{\"width\":2,\"height\":2,\"channels\":3,\"mean\":[0.1,0.2]}",
                    "mean has 2 values; give 1 (used for every channel) or 3 (one per channel)");
        }

        @Test
        void rejectsUnknownLayout() {
            rejects("{\"width\":2,\"height\":2,\"channels\":3,\"layout\":\"CHW\"}",
                    "layout must be \"NCHW\" (channels first) or \"NHWC\" (channels last), got \"CHW\"");
        }

        @Test
        void rejectsMisspelledFields() {
            rejects("{\"width\":2,\"heigth\":2,\"channels\":3}",
                    "unknown field \"heigth\"; the fields are width, height, channels, mean, std, layout");
        }

        @Test
        void rejectsMissingSize() {
            rejects("{\"width\":2,\"channels\":3}", "field \"height\" is missing");
        }

        @Test
        void rejectsWrongTypesAndFractionalSizes() {
            rejects("{\"width\":\"wide\",\"height\":2,\"channels\":3}", "field \"width\" has a value of the wrong type");
            rejects("{\"width\":2.5,\"height\":2,\"channels\":3}", "field \"width\" has a value of the wrong type");
        }

        @Test
        void rejectsMalformedJson() {
            rejects("{\"width\":2,", "preprocessing: not valid JSON");
            rejects("[1,2]", "expected a JSON object like");
            rejects("  ", "the JSON is empty");
        }
    }

    @Nested
    class Resize {

        @Test
        void upsamplesTwoByTwoToFourByFourWithHalfPixelCentres() {
            float[] out = apply(inPixelUnits(4, 4, 1, "NCHW"), gray(2, 2, 0, 1, 2, 3));

            assertThat(Arrays.copyOfRange(out, 0, 4)).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, CLOSE);
            assertThat(Arrays.copyOfRange(out, 4, 8)).containsExactly(new float[] {0.5f, 0.75f, 1.25f, 1.5f}, CLOSE);
            assertThat(Arrays.copyOfRange(out, 8, 12)).containsExactly(new float[] {1.5f, 1.75f, 2.25f, 2.5f}, CLOSE);
            assertThat(Arrays.copyOfRange(out, 12, 16)).containsExactly(new float[] {2f, 2.25f, 2.75f, 3f}, CLOSE);
        }

        @Test
        void downsamplingByTwoAveragesEachTwoByTwoBlock() {
            RawImage image = gray(4, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

            float[] out = apply(inPixelUnits(2, 2, 1, "NCHW"), image);

            assertThat(out).containsExactly(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, CLOSE);
        }

        @Test
        void nonIntegerScaleUsesHalfPixelSourceCoordinates() {
            // scale 1.5: destination 0 samples source 0.25, destination 1 samples source 1.75
            float[] out = apply(inPixelUnits(2, 1, 1, "NCHW"), gray(3, 1, 0, 30, 90));

            assertThat(out).containsExactly(new float[] {7.5f, 75f}, CLOSE);
        }

        @Test
        void sameSizeIsAnExactCopyScaledToUnitRange() {
            float[] out = apply(Preprocessing.unnormalized(3, 1, 1), gray(3, 1, 0, 51, 255));

            assertThat(out).containsExactly(0f, 51 / 255f, 1f);
        }

        @Test
        void resizesWidthAndHeightIndependently() {
            float[] out = apply(inPixelUnits(1, 4, 1, "NCHW"), gray(2, 2, 0, 10, 20, 30));

            // width 2 -> 1 averages the row; height 2 -> 4 as in the 2x2 -> 4x4 case
            assertThat(out).containsExactly(new float[] {5f, 10f, 20f, 25f}, CLOSE);
        }
    }

    @Nested
    class ChannelsAndNormalisation {

        @Test
        void subtractsMeanAndDividesByStd() {
            Preprocessing prep = new Preprocessing(2, 1, 1, new float[] {0.5f}, new float[] {0.25f}, "NCHW");

            assertThat(apply(prep, gray(2, 1, 255, 0))).containsExactly(new float[] {2f, -2f}, CLOSE);
        }

        @Test
        void normalisesEachChannelWithItsOwnMeanAndStd() {
            Preprocessing prep = new Preprocessing(1, 1, 3, new float[] {0.5f, 0f, 0.2f},
                    new float[] {0.5f, 1f, 0.1f}, "NCHW");

            assertThat(apply(prep, rgb(1, 1, 255, 0, 51))).containsExactly(new float[] {1f, 0f, 0f}, CLOSE);
        }

        @Test
        void replicatesGrayToThreeChannels() {
            float[] out = apply(Preprocessing.unnormalized(2, 1, 3), gray(2, 1, 51, 102));

            assertThat(out).containsExactly(0.2f, 0.4f, 0.2f, 0.4f, 0.2f, 0.4f);
        }

        @Test
        void convertsRgbToGrayWithRec601Luma() {
            float[] out = apply(Preprocessing.unnormalized(2, 1, 1), rgb(2, 1, 255, 0, 0, 10, 20, 30));

            assertThat(out).containsExactly(new float[] {0.299f, (0.299f * 10 + 0.587f * 20 + 0.114f * 30) / 255f},
                    within(1e-6f));
        }

        @Test
        void nchwStoresChannelPlanesAndNhwcInterleavesThem() {
            RawImage image = rgb(2, 1, 1, 2, 3, 4, 5, 6);

            assertThat(apply(inPixelUnits(2, 1, 3, "NCHW"), image))
                    .containsExactly(new float[] {1, 4, 2, 5, 3, 6}, CLOSE);
            assertThat(apply(inPixelUnits(2, 1, 3, "NHWC"), image))
                    .containsExactly(new float[] {1, 2, 3, 4, 5, 6}, CLOSE);
        }

        @Test
        void writesOnlyItsOwnSliceAtTheOffset() {
            float[] dest = new float[7];
            Arrays.fill(dest, Float.NaN);

            Preprocessing.unnormalized(2, 1, 1).apply(gray(2, 1, 0, 255), dest, 3);

            assertThat(dest).containsExactly(Float.NaN, Float.NaN, Float.NaN, 0f, 1f, Float.NaN, Float.NaN);
            assertThatThrownBy(() -> Preprocessing.unnormalized(2, 1, 1).apply(gray(2, 1, 0, 0), dest, 6))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void shapeFollowsTheLayout() {
            assertThat(inPixelUnits(32, 24, 3, "NCHW").shape(8)).containsExactly(8, 3, 24, 32);
            assertThat(inPixelUnits(32, 24, 3, "NHWC").shape(8)).containsExactly(8, 24, 32, 3);
            assertThat(inPixelUnits(32, 24, 3, "NHWC").elementsPerImage()).isEqualTo(32 * 24 * 3);
        }
    }
}
