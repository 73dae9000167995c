package org.compresslab.data;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a model wants its input: size, channel count, per-channel normalisation and tensor layout.
 * Stored as JSON, e.g. in a model's metadata under {@link #METADATA_KEY}:
 * <pre>{"width":32,"height":32,"channels":3,"mean":[0.5,0.5,0.5],"std":[0.25,0.25,0.25],"layout":"NCHW"}</pre>
 * A one-value mean or std applies to every channel; a missing mean is 0, a missing std 1 and a missing
 * layout NCHW.
 *
 * <p>{@link #apply} reproduces a PyTorch pipeline of {@code ToTensor()}, {@code F.interpolate(mode="bilinear",
 * align_corners=False)} on the float tensor (no antialiasing, no rounding back to 8 bits) and {@code Normalize}.
 * Immutable and thread-safe.
 */
public final class Preprocessing {

    /** Model metadata key whose value is this JSON. */
    public static final String METADATA_KEY = "compresslab.preprocessing";

    public static final String NCHW = "NCHW";
    public static final String NHWC = "NHWC";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private final int width;
    private final int height;
    private final int channels;
    private final float[] mean;
    private final float[] std;
    private final String layout;

    /**
     * @param mean   1 value for all channels or one per channel
     * @param std    1 value for all channels or one per channel, none zero
     * @param layout {@code "NCHW"} or {@code "NHWC"} (any case)
     * @throws DatasetException saying which value is wrong
     */
    public Preprocessing(int width, int height, int channels, float[] mean, float[] std, String layout) {
        if (width <= 0 || height <= 0) {
            throw invalid("width and height must be positive numbers of pixels, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw invalid("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if ((long) width * height * channels > Integer.MAX_VALUE / 8) {
            throw invalid(width + "x" + height + "x" + channels + " is too large for one input image");
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.mean = perChannel("mean", mean, channels);
        this.std = perChannel("std", std, channels);
        for (int c = 0; c < channels; c++) {
            if (this.std[c] == 0f) {
                throw invalid("std" + (std.length == 1 ? "" : "[" + c + "]")
                        + " is 0; the standard deviation divides the pixel values and must not be zero");
            }
        }
        String normalizedLayout = layout == null ? "" : layout.trim().toUpperCase(Locale.ROOT);
        if (!normalizedLayout.equals(NCHW) && !normalizedLayout.equals(NHWC)) {
            throw invalid("layout must be \"NCHW\" (channels first) or \"NHWC\" (channels last), got "
                    + (layout == null ? "nothing" : "\"" + layout + "\""));
        }
        this.layout = normalizedLayout;
    }

    /** Pixels scaled to [0,1] and nothing else: mean 0, std 1, NCHW. */
    public static Preprocessing unnormalized(int width, int height, int channels) {
        return new Preprocessing(width, height, channels, new float[] {0f}, new float[] {1f}, NCHW);
    }

    /** @throws DatasetException with a plain-words message when the JSON is malformed or a value is invalid */
    public static Preprocessing fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw invalid("the JSON is empty; expected e.g. " + example());
        }
        Spec spec;
        try {
            spec = JSON.readValue(json, Spec.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid("unknown field \"" + e.getPropertyName() + "\"; the fields are "
                    + String.join(", ", Spec.FIELDS), e);
        } catch (JsonParseException e) {
            throw invalid("not valid JSON (" + e.getOriginalMessage() + "); expected e.g. " + example(), e);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw invalid((field == null ? "expected a JSON object like " + example()
                    : "field \"" + field + "\" has a value of the wrong type") + " (" + e.getOriginalMessage() + ")", e);
        } catch (JsonProcessingException e) {
            throw invalid("cannot read the JSON: " + e.getOriginalMessage(), e);
        }
        if (spec == null) {
            throw invalid("expected a JSON object like " + example());
        }
        return new Preprocessing(required("width", spec.width()), required("height", spec.height()),
                required("channels", spec.channels()),
                spec.mean() == null ? new float[] {0f} : spec.mean(),
                spec.std() == null ? new float[] {1f} : spec.std(),
                spec.layout() == null ? NCHW : spec.layout());
    }

    /** Reads a JSON file; errors name the file. */
    public static Preprocessing read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": preprocessing file not found", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read the preprocessing file: " + e.getMessage(), e);
        }
        try {
            return fromJson(json);
        } catch (DatasetException e) {
            throw new DatasetException(file + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Spec(width, height, channels, mean.clone(), std.clone(), layout));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preprocessing JSON", e);
        }
    }

    public void write(Path file) {
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot write the preprocessing file: " + e.getMessage(), e);
        }
    }

    /** Number of floats {@link #apply} writes per image. */
    public int elementsPerImage() {
        return width * height * channels;
    }

    /** Input tensor shape for {@code batch} images: {@code {batch,C,H,W}} or {@code {batch,H,W,C}}. */
    public long[] shape(int batch) {
        return isChannelsFirst()
                ? new long[] {batch, channels, height, width}
                : new long[] {batch, height, width, channels};
    }

    /**
     * Writes {@link #elementsPerImage()} floats for {@code image} into {@code dest} starting at
     * {@code offset}: pixels scaled to [0,1], resized bilinearly in the half-pixel convention when the
     * size differs, converted to the channel count (gray replicated to RGB; RGB to gray with ITU-R 601
     * luma 0.299/0.587/0.114), then {@code (x - mean) / std}, in this layout.
     */
    public void apply(RawImage image, float[] dest, int offset) {
        Objects.requireNonNull(image, "image");
        Objects.checkFromIndexSize(offset, elementsPerImage(), dest.length);
        int srcWidth = image.width();
        int srcChannels = image.channels();
        byte[] px = image.pixelArray();
        Axis xs = Axis.of(srcWidth, width);
        Axis ys = Axis.of(image.height(), height);
        boolean channelsFirst = isChannelsFirst();
        int plane = width * height;
        float[] sample = new float[3];
        for (int y = 0; y < height; y++) {
            int row0 = ys.lo[y] * srcWidth;
            int row1 = ys.hi[y] * srcWidth;
            float wy1 = ys.weight[y];
            float wy0 = 1f - wy1;
            for (int x = 0; x < width; x++) {
                float wx1 = xs.weight[x];
                float wx0 = 1f - wx1;
                int p00 = (row0 + xs.lo[x]) * srcChannels;
                int p01 = (row0 + xs.hi[x]) * srcChannels;
                int p10 = (row1 + xs.lo[x]) * srcChannels;
                int p11 = (row1 + xs.hi[x]) * srcChannels;
                for (int c = 0; c < srcChannels; c++) {
                    float top = wx0 * (px[p00 + c] & 0xFF) + wx1 * (px[p01 + c] & 0xFF);
                    float bottom = wx0 * (px[p10 + c] & 0xFF) + wx1 * (px[p11 + c] & 0xFF);
                    sample[c] = (wy0 * top + wy1 * bottom) / 255f;
                }
                if (channels == 3 && srcChannels == 1) {
                    sample[1] = sample[0];
                    sample[2] = sample[0];
                } else if (channels == 1 && srcChannels == 3) {
                    sample[0] = 0.299f * sample[0] + 0.587f * sample[1] + 0.114f * sample[2];
                }
                int pixel = y * width + x;
                for (int c = 0; c < channels; c++) {
                    float value = (sample[c] - mean[c]) / std[c];
                    dest[offset + (channelsFirst ? c * plane + pixel : pixel * channels + c)] = value;
                }
            }
        }
    }

    /**
     * Source neighbours and weight of each destination coordinate along one axis, half-pixel convention:
     * source = (dst + 0.5) * in/out - 0.5, clamped at 0; the upper neighbour is clamped to the edge.
     * Computed in float as PyTorch does for float tensors. Equal sizes give weight 0, i.e. a copy.
     */
    private record Axis(int[] lo, int[] hi, float[] weight) {

        static Axis of(int in, int out) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            float[] weight = new float[out];
            float scale = (float) in / out;
            for (int d = 0; d < out; d++) {
                float src = Math.max(scale * (d + 0.5f) - 0.5f, 0f);
                int i = Math.min((int) src, in - 1);
                lo[d] = i;
                hi[d] = Math.min(i + 1, in - 1);
                weight[d] = src - i;
            }
            return new Axis(lo, hi, weight);
        }
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

    /** One value per channel (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** One value per channel (a copy). */
    public float[] std() {
        return std.clone();
    }

    /** {@code "NCHW"} or {@code "NHWC"}. */
    public String layout() {
        return layout;
    }

    public boolean isChannelsFirst() {
        return layout.equals(NCHW);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing other
                && width == other.width && height == other.height && channels == other.channels
                && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std) && layout.equals(other.layout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, channels, Arrays.hashCode(mean), Arrays.hashCode(std), layout);
    }

    @Override
    public String toString() {
        return "Preprocessing" + toJson();
    }

    private static float[] perChannel(String field, float[] values, int channels) {
        if (values == null || (values.length != 1 && values.length != channels)) {
            throw invalid(field + " has " + (values == null ? "no" : values.length) + " values; give 1 (used for every"
                    + " channel) or " + channels + " (one per channel)");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw invalid(field + "[" + i + "] is " + values[i] + "; it must be a finite number");
            }
        }
        float[] expanded = new float[channels];
        Arrays.fill(expanded, values[0]);
        if (values.length == channels) {
            System.arraycopy(values, 0, expanded, 0, channels);
        }
        return expanded;
    }

    private static int required(String field, Integer value) {
        if (value == null) {
            throw invalid("field \"" + field + "\" is missing; expected e.g. " + example());
        }
        return value;
    }

    private static String example() {
        return "{\"width\":32,\"height\":32,\"channels\":3,\"mean\":[0.5],\"std\":[0.25],\"layout\":\"NCHW\"}";
    }

    private static DatasetException invalid(String message) {
        return new DatasetException("preprocessing: " + message);
    }

    private static DatasetException invalid(String message, Throwable cause) {
        return new DatasetException("preprocessing: " + message, cause);
    }

    /** The JSON form; boxed numbers so that a missing field can be told from a zero. */
    @JsonPropertyOrder({"width", "height", "channels", "mean", "std", "layout"})
    private record Spec(Integer width, Integer height, Integer channels, float[] mean, float[] std, String layout) {
        static final List<String> FIELDS = List.of("width", "height", "channels", "mean", "std", "layout");
    }
}
