package org.compresslab.train.catalogue;

import java.util.Locale;
import org.compresslab.graph.Graph;

/**
 * MobileNetV2 (Sandler et al. 2018) with a width multiplier, in its CIFAR form: the stem conv and the
 * second stage of the inverted-residual table keep stride 1 (ImageNet: 2), so a 32×32 image ends at 4×4.
 * <pre>
 *   stem  conv 3×3 → 32·w, BN, ReLU6
 *   [t, c, n, s] = [1,16,1,1] [6,24,2,1] [6,32,3,2] [6,64,4,2] [6,96,3,1] [6,160,3,2] [6,320,1,1]
 *   head  conv 1×1 → 1280·max(1, w), BN, ReLU6 → GlobalAveragePool → Flatten → Gemm → classes
 * </pre>
 * Channel counts are rounded as torchvision's {@code _make_divisible(c·w, 8)} rounds them. An inverted
 * residual block is: 1×1 expand (omitted when t = 1) + BN + ReLU6, 3×3 depthwise (group = channels)
 * + BN + ReLU6, 1×1 linear projection + BN, and an Add of its input when stride is 1 and the channels
 * stay the same. ReLU6 is Clip(0, 6). The classifier's dropout is left out.
 */
final class MobileNetV2 {
    static final String ID_PREFIX = "mobilenetv2-";
    private static final int[][] INVERTED_RESIDUAL_SETTING = {
            // t, c, n, s (CIFAR: s = 1 in the second row)
            {1, 16, 1, 1},
            {6, 24, 2, 1},
            {6, 32, 3, 2},
            {6, 64, 4, 2},
            {6, 96, 3, 1},
            {6, 160, 3, 2},
            {6, 320, 1, 1},
    };
    private static final int STEM_CHANNELS = 32;
    private static final int LAST_CHANNELS = 1280;
    static final double MAX_WIDTH = 4.0;

    private MobileNetV2() {
    }

    static String id(double width) {
        return ID_PREFIX + String.format(Locale.ROOT, "%.1f", width);
    }

    static String description(double width) {
        return "MobileNetV2 ×" + format(width) + " (Sandler et al. 2018), CIFAR strides: inverted residual blocks "
                + "with depthwise 3×3 convolutions and ReLU6";
    }

    /** The width multiplier of an id {@code mobilenetv2-<w>}, or throws when {@code <w>} is not a usable number. */
    static double parseWidth(String id) {
        String text = id.substring(ID_PREFIX.length());
        double w;
        try {
            w = text.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+") ? Double.parseDouble(text) : Double.NaN;
        } catch (NumberFormatException e) {
            w = Double.NaN;
        }
        if (!(w > 0 && w <= MAX_WIDTH)) {
            throw new IllegalArgumentException("'" + id + "': the MobileNetV2 width multiplier must be a number above 0 "
                    + "and at most " + format(MAX_WIDTH) + ", e.g. mobilenetv2-0.5");
        }
        return w;
    }

    /** torchvision's {@code _make_divisible(v, 8)}: the nearest multiple of 8, at least 8, never 10 % below v. */
    static int makeDivisible(double v) {
        int divisor = 8;
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * v) {
            rounded += divisor;
        }
        return rounded;
    }

    static Graph build(double width, ImageSpec spec, long seed, String id) {
        NamedGraphBuilder b = new NamedGraphBuilder(id, description(width), seed);
        String x = b.input(spec);
        int channels = makeDivisible(STEM_CHANNELS * width);
        x = b.conv("stem.conv", x, spec.channels(), channels, 3, 1, 1, 1, false);
        x = b.batchNorm("stem.bn", x, channels);
        x = b.relu6("stem.relu6", x);
        int index = 0;
        for (int[] row : INVERTED_RESIDUAL_SETTING) {
            int t = row[0];
            int out = makeDivisible(row[1] * width);
            for (int i = 0; i < row[2]; i++) {
                int stride = i == 0 ? row[3] : 1;
                x = invertedResidual(b, "blocks." + index, x, channels, out, stride, t);
                channels = out;
                index++;
            }
        }
        int last = makeDivisible(LAST_CHANNELS * Math.max(1.0, width));
        x = b.conv("head.conv", x, channels, last, 1, 1, 0, 1, false);
        x = b.batchNorm("head.bn", x, last);
        x = b.relu6("head.relu6", x);
        x = b.globalAveragePool("pool", x);
        x = b.flatten("flatten", x);
        x = b.linear("fc", NamedGraphBuilder.OUTPUT, x, last, spec.classes());
        b.output(x, spec.classes());
        return b.graph();
    }

    private static String invertedResidual(NamedGraphBuilder b, String name, String x, int in, int out, int stride,
                                           int expansion) {
        int hidden = (int) Math.round(in * (double) expansion);
        String y = x;
        if (expansion != 1) {
            y = b.conv(name + ".expand.conv", y, in, hidden, 1, 1, 0, 1, false);
            y = b.batchNorm(name + ".expand.bn", y, hidden);
            y = b.relu6(name + ".expand.relu6", y);
        }
        y = b.conv(name + ".dw.conv", y, hidden, hidden, 3, stride, 1, hidden, false);
        y = b.batchNorm(name + ".dw.bn", y, hidden);
        y = b.relu6(name + ".dw.relu6", y);
        y = b.conv(name + ".project.conv", y, hidden, out, 1, 1, 0, 1, false);
        y = b.batchNorm(name + ".project.bn", y, out);
        if (stride == 1 && in == out) {
            y = b.add(name + ".add", y, x);
        }
        return y;
    }

    private static String format(double w) {
        return w == Math.rint(w) ? String.format(Locale.ROOT, "%.1f", w) : Double.toString(w);
    }
}
