package org.compresslab.compress.prune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.data.Subsets;
import org.compresslab.graph.Graph;
import org.compresslab.train.TaylorSaliency;

/**
 * How much each channel of a group matters, by one of four criteria. Producers of one group (e.g. the
 * convolutions feeding a residual sum) can have very different weight scales, so each producer's scores
 * are divided by their mean before they are summed: every producer has an equal say.
 */
enum ChannelImportance {
    /** Mean |w| of the channel's weights. */
    L1,
    /** Root mean square of the channel's weights. */
    L2,
    /** |γ| of the BatchNormalization that scales the channel: a channel BN multiplies by ~0 contributes ~0. */
    BN_SCALE,
    /** First-order Taylor estimate of the loss change without the channel, from gradients on training images. */
    TAYLOR;

    static ChannelImportance parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Scores of every channel of each group, by group id. */
    Map<Integer, double[]> score(Graph g, List<ChannelGroup> groups, CompressionContext ctx, int taylorImages,
                                 List<String> warnings) {
        Map<Integer, double[]> out = new LinkedHashMap<>();
        Map<String, double[]> taylor = this == TAYLOR ? taylor(g, groups, ctx, taylorImages) : Map.of();
        for (ChannelGroup group : groups) {
            double[] total = new double[group.channels()];
            if (this == BN_SCALE && !group.batchNormScales().isEmpty()) {
                for (TensorSlice s : group.batchNormScales()) {
                    add(total, norms(s.channelValues(g, group.channels()), true));
                }
            } else if (this == TAYLOR) {
                for (ProducerSlice p : group.producers()) {
                    add(total, perChannel(taylor.get(weightName(g, p.weight())), p.weight(), group.channels()));
                }
            } else {
                if (this == BN_SCALE) {
                    warnings.add("group of " + group.producerNames() + " has no BatchNorm: scored by L1 instead");
                }
                for (ProducerSlice p : group.producers()) {
                    add(total, norms(p.channelWeights(g, group.channels()), this != L2));
                }
            }
            out.put(group.id(), total);
        }
        return out;
    }

    private static Map<String, double[]> taylor(Graph g, List<ChannelGroup> groups, CompressionContext ctx, int images) {
        Map<String, Integer> axes = new LinkedHashMap<>();
        for (ChannelGroup group : groups) {
            for (ProducerSlice p : group.producers()) {
                axes.put(weightName(g, p.weight()), p.weight().axis());
            }
        }
        int n = Math.min(images, ctx.trainingData().size());
        return TaylorSaliency.of(g, axes, ctx.trainingData(), ctx.preprocessing(),
                Subsets.randomSample(ctx.trainingData().size(), n, ctx.seed()), ctx.cancel());
    }

    private static String weightName(Graph g, TensorSlice s) {
        return g.nodes().get(s.nodeIndex()).input(s.input());
    }

    private static double[] perChannel(double[] saliency, TensorSlice s, int channels) {
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < s.block(); b++) {
                out[c] += saliency[s.offset() + c * s.block() + b];
            }
        }
        return out;
    }

    private static double[] norms(float[][] channels, boolean l1) {
        double[] out = new double[channels.length];
        for (int c = 0; c < channels.length; c++) {
            double s = 0;
            for (float v : channels[c]) {
                s += l1 ? Math.abs(v) : (double) v * v;
            }
            int n = Math.max(1, channels[c].length);
            out[c] = l1 ? s / n : Math.sqrt(s / n);
        }
        return out;
    }

    /** Adds {@code scores} divided by their mean (all zero stays zero). */
    private static void add(double[] total, double[] scores) {
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= Math.max(1, scores.length);
        for (int c = 0; c < total.length; c++) {
            total[c] += mean == 0 ? 0 : scores[c] / mean;
        }
    }
}
