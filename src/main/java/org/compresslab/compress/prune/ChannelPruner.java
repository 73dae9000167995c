package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.FineTuning;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TrainingParameters;
import org.compresslab.graph.Graph;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;

/**
 * {@code prune.channels}: structured pruning that removes channels for real. The dependency analysis
 * finds the channel groups that must shrink together (a convolution with its BatchNorm and the layers
 * reading it; every branch of a residual sum; Concat offsets; depthwise convolutions; Flatten→Gemm);
 * within each group the least important channels are cut out of every tensor that holds them. The
 * model gets smaller tensors, fewer MACs — and, unlike masks, a faster run.
 */
public final class ChannelPruner implements Technique {
    public static final String ID = "prune.channels";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.PRUNING,
            "Channel pruning (structured)",
            "Removes whole channels (convolution filters, fully connected units) with everything that reads "
                    + "or normalises them, so the pruned model is a smaller dense model that runs faster. Layers "
                    + "tied together — the branches of a residual sum, a depthwise convolution and its input, a "
                    + "Concat's inputs — lose the same channels. Which channels go is decided by their importance: "
                    + "L1 or L2 norm of their weights, the BatchNorm scale |γ| that multiplies them, or a Taylor "
                    + "estimate of how much the loss would change without them. Where the analysis cannot follow "
                    + "the channels (e.g. a Reshape that mixes them) the group is left alone and the report says "
                    + "why. Accuracy drops until the model is fine-tuned.",
            "MACs and parameters fall roughly with (1 − ratio)² inside pruned stages; latency falls with them on "
                    + "CPUs. Expect a large accuracy drop before fine-tuning and most of it back after one or two "
                    + "epochs (use steps with epochs, or a train.finetune step after this one).",
            params(), true);

    private static List<ParameterSpec> params() {
        List<ParameterSpec> p = new ArrayList<>(List.of(
                ParameterSpec.number("ratio", 0.05, 0.95, 0.5, "Share of each group's channels to remove "
                        + "(scope 'layer'), or of all prunable channels (scope 'global')."),
                ParameterSpec.choice("scope", "layer", List.of("layer", "global"),
                        "'layer': every group loses the same share; 'global': channels compete across groups by "
                                + "normalised importance, so redundant layers lose more."),
                ParameterSpec.choice("importance", "l1", List.of("l1", "l2", "bn-scale", "taylor"),
                        "How channels are ranked: weight norm (l1, l2), BatchNorm scale |γ| (bn-scale), or "
                                + "|Σ w·∂L/∂w| on training images (taylor)."),
                ParameterSpec.integer("round_to", 1, 64, 1,
                        "Keep channel counts at multiples of this (e.g. 8 suits SIMD kernels)."),
                ParameterSpec.integer("steps", 1, 10, 1,
                        "Reach the ratio in this many steps, fine-tuning after each when epochs > 0."),
                ParameterSpec.bool("protect_first_last", true,
                        "Leave the first layer's and the last layer's channels alone; they are usually the most "
                                + "sensitive and the cheapest."),
                ParameterSpec.textList("exclude", "Node names whose channel groups are left alone."),
                ParameterSpec.integer("taylor_images", 32, 10_000, 512,
                        "For importance 'taylor': training images whose gradients are used.")));
        p.addAll(TrainingParameters.specs(0, 0, 0.005,
                "Epochs of fine-tuning after each step (0 = none)."));
        return p;
    }

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        Graph g = model.copy();
        ModelStatistics before = ModelStatistics.of(model);
        ChannelImportance importance = ChannelImportance.parse(p.choice("importance"));
        int roundTo = p.integer("round_to");
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> original = new HashMap<>();
        Map<String, GroupChange> changes = new LinkedHashMap<>();
        List<String> leftAlone = new ArrayList<>();
        IterativePruning.Result run = IterativePruning.run(g, p, p.number("ratio"), ctx, (graph, k, steps, target) -> {
            ChannelDependencies deps = ChannelDependencies.analyse(graph);
            List<ChannelGroup> groups = candidates(graph, deps, p, k == 1 ? leftAlone : new ArrayList<>());
            if (groups.isEmpty()) {
                throw new CompressionException("no channel group can be pruned: " + (leftAlone.isEmpty()
                        ? "the model has no Conv or Gemm whose channels the analysis can follow"
                        : String.join("; ", leftAlone)));
            }
            groups.forEach(gr -> original.putIfAbsent(key(gr), gr.channels()));
            Map<Integer, double[]> scores = importance.score(graph, groups, ctx, p.integer("taylor_images"), warnings);
            Map<Integer, Integer> keepCounts = p.choice("scope").equals("global")
                    ? globalKeepCounts(groups, scores, original, target, roundTo)
                    : layerKeepCounts(groups, original, target, roundTo);
            for (ChannelGroup group : groups) {
                int keep = keepCounts.get(group.id());
                if (keep < group.channels()) {
                    ChannelRemoval.remove(graph, group, topChannels(scores.get(group.id()), keep));
                }
                changes.merge(key(group), new GroupChange(group.producerNames(), original.get(key(group)), keep),
                        (a, b) -> new GroupChange(a.producers(), a.channelsBefore(), b.channelsAfter()));
            }
            return org.compresslab.train.ValueTransform.NONE;
        });
        g = run.model();
        warnings.addAll(run.warnings());
        List<FineTuning.FineTuneReport> tuning = run.fineTuning();
        ModelStatistics after = ModelStatistics.of(g);
        ctx.progress().progress(1.0, "pruned");
        return new TechniqueOutcome(g, new ChannelReport(p.number("ratio"), p.choice("scope"), importance.id(),
                before.params(), after.params(), before.macs(), after.macs(), List.copyOf(changes.values()),
                leftAlone, tuning), warnings);
    }

    /** Prunable groups less the protected and excluded ones; why the others are left alone goes to {@code why}. */
    private static List<ChannelGroup> candidates(Graph g, ChannelDependencies deps, StepParameters p, List<String> why) {
        deps.blockedGroups().forEach(b -> why.add(b.describe()));
        Set<String> protectedNodes = new HashSet<>(p.textList("exclude"));
        if (p.bool("protect_first_last")) {
            protectedNodes.addAll(firstAndLastLayers(g));
        }
        List<ChannelGroup> out = new ArrayList<>();
        for (ChannelGroup group : deps.prunableGroups()) {
            List<String> hit = group.producerNames().stream().filter(protectedNodes::contains).toList();
            if (hit.isEmpty()) {
                out.add(group);
            } else {
                why.add("group " + group.producerNames() + " left alone: " + hit + (p.textList("exclude").containsAll(hit)
                        ? " excluded" : " protected as first/last layer"));
            }
        }
        return out;
    }

    /** The weighted layers that read the graph input and that write the graph output. */
    static Set<String> firstAndLastLayers(Graph g) {
        Set<String> out = new HashSet<>();
        Set<String> inputs = new HashSet<>();
        g.runtimeInputs().forEach(v -> inputs.add(v.name()));
        List<Node> weighted = g.nodes().stream().filter(n -> Set.of("Conv", "Gemm", "MatMul").contains(n.opType()))
                .toList();
        weighted.stream().filter(n -> inputs.contains(n.input(0))).forEach(n -> out.add(n.name()));
        if (!weighted.isEmpty()) {
            out.add(weighted.get(weighted.size() - 1).name());
        }
        return out;
    }

    private static String key(ChannelGroup g) {
        return String.join(",", g.producerNames().stream().sorted().toList());
    }

    private static Map<Integer, Integer> layerKeepCounts(List<ChannelGroup> groups, Map<String, Integer> original,
                                                         double target, int roundTo) {
        Map<Integer, Integer> out = new HashMap<>();
        for (ChannelGroup g : groups) {
            int c0 = original.get(key(g));
            out.put(g.id(), rounded(c0 * (1 - target), roundTo, g.channels()));
        }
        return out;
    }

    /**
     * One threshold over every channel's importance divided by its group's mean, so groups compete on
     * equal terms; each group keeps at least one multiple of {@code roundTo}.
     */
    private static Map<Integer, Integer> globalKeepCounts(List<ChannelGroup> groups, Map<Integer, double[]> scores,
                                                          Map<String, Integer> original, double target, int roundTo) {
        int totalOriginal = groups.stream().mapToInt(g -> original.get(key(g))).sum();
        int current = groups.stream().mapToInt(ChannelGroup::channels).sum();
        int toRemove = Math.max(0, current - (int) Math.round(totalOriginal * (1 - target)));
        List<double[]> all = new ArrayList<>(); // {normalised score, group id}
        for (ChannelGroup g : groups) {
            double[] s = scores.get(g.id());
            double mean = Arrays.stream(s).average().orElse(1);
            for (double v : s) {
                all.add(new double[] {mean == 0 ? 0 : v / mean, g.id()});
            }
        }
        all.sort(Comparator.comparingDouble(a -> a[0]));
        Map<Integer, Integer> keep = new HashMap<>();
        groups.forEach(g -> keep.put(g.id(), g.channels()));
        for (int i = 0; i < all.size() && toRemove > 0; i++) {
            int id = (int) all.get(i)[1];
            if (keep.get(id) > Math.max(1, roundTo)) {
                keep.merge(id, -1, Integer::sum);
                toRemove--;
            }
        }
        for (ChannelGroup g : groups) {
            keep.put(g.id(), rounded(keep.get(g.id()), roundTo, g.channels()));
        }
        return keep;
    }

    /** {@code wanted} rounded up to a multiple of {@code roundTo}, at least one multiple, at most {@code max}. */
    static int rounded(double wanted, int roundTo, int max) {
        int n = (int) Math.ceil(Math.max(1, wanted - 1e-9) / roundTo) * roundTo;
        return Math.max(1, Math.min(max, n));
    }

    /** Indices of the {@code keep} highest scores, ascending. */
    static int[] topChannels(double[] scores, int keep) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] out = new int[keep];
        for (int i = 0; i < keep; i++) {
            out[i] = order[i];
        }
        Arrays.sort(out);
        return out;
    }

    /** A group's channel count before and after, and the layers that produce it. */
    public record GroupChange(List<String> producers, int channelsBefore, int channelsAfter) {
    }

    /**
     * @param leftAlone groups the analysis could not prune or that were protected, each with the reason
     */
    public record ChannelReport(double ratio, String scope, String importance, long paramsBefore, long paramsAfter,
                                long macsBefore, long macsAfter, List<GroupChange> groups, List<String> leftAlone,
                                List<FineTuning.FineTuneReport> fineTuning) {
    }
}
