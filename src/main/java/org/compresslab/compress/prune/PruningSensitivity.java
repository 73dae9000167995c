package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.ProbeImages;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.graph.Graph;

/**
 * {@code prune.sensitivity}: an analysis. Prunes one channel group at a time at ratios 0.1 … 0.9 (no
 * fine-tuning) and scores each variant on evaluation images: the curves show which layers tolerate
 * pruning. The model is left as it was.
 */
public final class PruningSensitivity implements Technique {
    public static final String ID = "prune.sensitivity";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.PRUNING,
            "Pruning sensitivity per layer",
            "For each group of channels that can be pruned (a layer, or the layers a residual sum ties together), "
                    + "removes 10%, 20% … 90% of its channels — the least important first — with every other "
                    + "layer intact and no fine-tuning, and measures the accuracy on evaluation images. Flat "
                    + "curves mark layers that can lose many channels; steep ones, layers to spare.",
            "One curve per channel group; deep, wide layers usually tolerate more pruning than the first ones and "
                    + "than narrow residual stages. The model is not changed.",
            List.of(ParameterSpec.choice("importance", "l1", List.of("l1", "l2", "bn-scale", "taylor"),
                            "How channels are ranked before the least important are removed."),
                    ParameterSpec.integer("images", 100, 10_000, 1000,
                            "Evaluation images each variant is scored on."),
                    ParameterSpec.integer("taylor_images", 32, 10_000, 512,
                            "For importance 'taylor': training images whose gradients are used.")), false);

    static final double[] RATIOS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        ChannelDependencies deps = ChannelDependencies.analyse(model);
        List<ChannelGroup> groups = deps.prunableGroups();
        if (groups.isEmpty()) {
            throw new CompressionException("no channel group can be pruned: "
                    + String.join("; ", deps.blockedGroups().stream().map(ChannelGroup::describe).toList()));
        }
        List<String> warnings = new ArrayList<>();
        Map<Integer, double[]> scores = ChannelImportance.parse(p.choice("importance")).score(model, groups, ctx,
                p.integer("taylor_images"), warnings);
        ProbeImages probe = ProbeImages.of(model, ctx.evaluationData(), ctx.preprocessing(), p.integer("images"),
                ctx.runtime(), ctx.cancel());
        List<GroupCurve> curves = new ArrayList<>();
        int done = 0;
        int total = groups.size() * RATIOS.length;
        for (ChannelGroup group : groups) {
            List<Point> points = new ArrayList<>();
            for (double ratio : RATIOS) {
                ctx.progress().progress(done++ / (double) total, group.producerNames() + " at " + Math.round(100 * ratio) + "%");
                int keep = ChannelPruner.rounded(group.channels() * (1 - ratio), 1, group.channels());
                Graph g = model.copy();
                ChannelRemoval.remove(g, group, ChannelPruner.topChannels(scores.get(group.id()), keep));
                ProbeImages.Score s = probe.score(g, ctx.cancel());
                points.add(new Point(ratio, keep, s.accuracy(), probe.referenceAccuracy() - s.accuracy(),
                        s.agreement().top1Agreement()));
            }
            curves.add(new GroupCurve(group.producerNames(), group.channels(), points));
        }
        ctx.progress().progress(1.0, "scanned " + groups.size() + " groups");
        return new TechniqueOutcome(model, new PruningSensitivityReport(p.choice("importance"), probe.size(),
                probe.referenceAccuracy(), curves,
                deps.blockedGroups().stream().map(ChannelGroup::describe).toList()), warnings);
    }

    /** Accuracy with {@code ratio} of a group's channels removed ({@code channelsKept} left). */
    public record Point(double ratio, int channelsKept, double accuracy, double accuracyDrop, double top1Agreement) {
    }

    /** One group's curve. */
    public record GroupCurve(List<String> producers, int channels, List<Point> points) {
    }

    public record PruningSensitivityReport(String importance, int images, double floatAccuracy, List<GroupCurve> groups,
                                           List<String> leftAlone) {
    }
}
