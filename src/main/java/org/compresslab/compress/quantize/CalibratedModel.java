package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.compresslab.compress.BatchNormFolding;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;

/**
 * A float model made ready for static int8 quantization — BatchNorms folded, nodes uniquely named — with
 * the statistics of every activation that any quantized variant could need. Variants (all layers, one
 * layer, all but some) are then cheap: no further runs of the model.
 */
public final class CalibratedModel {
    private final Graph prepared;
    private final int foldedBatchNorms;
    private final ActivationStatistics statistics;

    private CalibratedModel(Graph prepared, int foldedBatchNorms, ActivationStatistics statistics) {
        this.prepared = prepared;
        this.foldedBatchNorms = foldedBatchNorms;
        this.statistics = statistics;
    }

    public static CalibratedModel calibrate(Graph model, int samples, boolean histograms, CompressionContext ctx) {
        if (!model.nodesOfType("QuantizeLinear").isEmpty() || !model.nodesOfType("DequantizeLinear").isEmpty()
                || !model.nodesOfType("DynamicQuantizeLinear").isEmpty()) {
            throw new CompressionException("the model is already quantized (it has QuantizeLinear/DequantizeLinear "
                    + "nodes); quantize the float model instead");
        }
        Graph g = model.copy();
        nameNodesUniquely(g);
        int folded = BatchNormFolding.foldInPlace(g);
        QuantizationPlan all = QuantizationPlan.of(g, n -> true);
        if (all.weightedLayers().isEmpty()) {
            throw new CompressionException("the model has no layer static int8 quantization applies to (Conv, Gemm "
                    + "or MatMul with constant float weights)");
        }
        Set<String> tensors = new LinkedHashSet<>(all.calibratedTensors());
        tensors.addAll(all.sharedRanges().keySet());
        return new CalibratedModel(g, folded, ActivationStatistics.collect(g, tensors, samples, histograms, ctx));
    }

    /** Gives every node a distinct, non-empty name: exclusions, reports and sensitivity refer to them. */
    static void nameNodesUniquely(Graph g) {
        Set<String> seen = new HashSet<>();
        for (Node n : g.nodes()) {
            if (n.name().isEmpty() || !seen.add(n.name())) {
                String base = n.name().isEmpty() ? n.opType() : n.name();
                String name = g.uniqueName(base);
                for (int i = 1; seen.contains(name); i++) {
                    name = g.uniqueName(base + "_" + i);
                }
                n.setName(name);
                seen.add(name);
            }
        }
    }

    /** The prepared float model (BatchNorms folded): what the quantized variants are compared with. */
    public Graph floatModel() {
        return prepared.copy();
    }

    public int foldedBatchNorms() {
        return foldedBatchNorms;
    }

    public ActivationStatistics statistics() {
        return statistics;
    }

    /** Names of the layers whose weights can be quantized, in graph order. */
    public List<String> layerNames() {
        List<String> out = new ArrayList<>();
        QuantizationPlan.of(prepared, n -> true).weightedLayers().forEach(n -> out.add(n.name()));
        return out;
    }

    public Node layer(String name) {
        return prepared.node(name).orElseThrow(() -> new IllegalArgumentException("no layer " + name));
    }

    /** A QDQ model that quantizes the nodes {@code include} accepts. */
    public QuantizedVariant quantize(Predicate<Node> include, CalibrationMethod method, double percentile,
                                     ActivationType type, boolean perChannel) {
        Graph g = prepared.copy();
        QuantizationPlan plan = QuantizationPlan.of(g, include);
        if (plan.weightedLayers().isEmpty() && plan.calibratedTensors().isEmpty()) {
            throw new CompressionException("nothing left to quantize: every quantizable layer is excluded");
        }
        Set<String> tensors = new LinkedHashSet<>(plan.calibratedTensors());
        Map<String, TensorRange> ranges = statistics.ranges(tensors, method, percentile, type);
        List<String> layers = plan.weightedLayers().stream().map(Node::name).toList();
        int pairs = QdqInserter.apply(g, plan, ranges, type, perChannel);
        return new QuantizedVariant(g, layers, pairs, ranges);
    }

    /** A quantized model and what was quantized in it. */
    public record QuantizedVariant(Graph model, List<String> quantizedLayers, int activationPairs,
                                   Map<String, TensorRange> ranges) {
    }
}
