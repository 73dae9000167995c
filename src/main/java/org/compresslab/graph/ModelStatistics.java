package org.compresslab.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parameters and multiply-accumulates of a graph, in total and per layer.
 * <p>
 * Parameters are the elements of the weight initializers: every floating-point initializer plus
 * integer ones that a DequantizeLinear turns into weights, but not quantization scales and zero
 * points, nor the integer shape constants exporters write. MACs follow the common counters'
 * convention: the multiply-accumulates of Conv, Gemm and MatMul for one image (batch 1); every other
 * op counts 0. A MAC op whose shapes are unknown makes the total unknown (-1) rather than too small.
 */
public record ModelStatistics(long params, long nonZeroParams, long macs, List<LayerStatistics> layers,
                              List<String> problems) {

    public static ModelStatistics of(Graph graph) {
        ShapeInferenceResult shapes = ShapeInference.infer(graph, 1);
        Set<String> weights = weightInitializers(graph);
        long params = 0;
        long nonZero = 0;
        for (String w : weights) {
            Tensor t = graph.initializer(w).orElseThrow();
            params += t.elementCount();
            nonZero += t.nonZeroCount();
        }
        List<LayerStatistics> layers = new ArrayList<>();
        long totalMacs = 0;
        for (Node n : graph.nodes()) {
            long layerParams = 0;
            for (String in : n.inputs()) {
                if (weights.contains(in) && !n.opType().equals("DequantizeLinear")) {
                    layerParams += graph.initializer(in).orElseThrow().elementCount();
                }
                layerParams += dequantizedWeightElements(graph, in, weights);
            }
            long macs = MacCounter.macs(n, shapes);
            if (macs < 0 || totalMacs < 0) {
                totalMacs = -1;
            } else {
                totalMacs += macs;
            }
            long[] outShape = n.outputs().isEmpty() ? null : shapes.dims(n.output(0));
            layers.add(new LayerStatistics(n.label(), n.opType(), outShape, layerParams, macs));
        }
        return new ModelStatistics(params, nonZero, totalMacs, List.copyOf(layers), shapes.problems());
    }

    /** Weights read through a DequantizeLinear of an initializer (the QDQ form) belong to the reader. */
    private static long dequantizedWeightElements(Graph graph, String value, Set<String> weights) {
        return graph.producer(value)
                .filter(p -> p.opType().equals("DequantizeLinear") && weights.contains(p.input(0)))
                .map(p -> graph.initializer(p.input(0)).orElseThrow().elementCount())
                .orElse(0L);
    }

    static Set<String> weightInitializers(Graph graph) {
        Set<String> quantParams = new HashSet<>();
        Set<String> dequantized = new HashSet<>();
        Set<String> dynamicScales = new HashSet<>();
        for (Node n : graph.nodes()) {
            // the integer kernels of dynamic quantization read their int8 weights directly
            if ((n.opType().equals("MatMulInteger") || n.opType().equals("ConvInteger")) && n.inputs().size() > 1) {
                dequantized.add(n.input(1));
            }
            // ... and the weights' scales meet the activations' scale in a Mul: quantization parameters too
            if (n.opType().equals("DynamicQuantizeLinear") && n.outputs().size() > 1) {
                dynamicScales.add(n.output(1));
            }
            if (n.opType().equals("QuantizeLinear") || n.opType().equals("DequantizeLinear")) {
                quantParams.add(n.input(1));
                quantParams.add(n.input(2));
            }
            if (n.opType().equals("DequantizeLinear")) {
                dequantized.add(n.input(0));
            }
        }
        for (Node n : graph.nodes()) {
            if (n.opType().equals("Mul") && n.inputs().stream().anyMatch(dynamicScales::contains)) {
                n.inputs().stream().filter(in -> !dynamicScales.contains(in)).forEach(quantParams::add);
            }
        }
        Set<String> weights = new HashSet<>();
        for (Tensor t : graph.initializers().values()) {
            if (quantParams.contains(t.name())) {
                continue;
            }
            if (t.type().isFloatingPoint() || dequantized.contains(t.name())) {
                weights.add(t.name());
            }
        }
        return weights;
    }
}
