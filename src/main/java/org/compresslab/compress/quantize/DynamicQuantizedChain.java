package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;

/**
 * The node chain that computes a layer with dynamically quantized 8-bit integers:
 * <pre>
 * DynamicQuantizeLinear(x) → x_q, x_scale, x_zero_point
 * MatMulInteger / ConvInteger(x_q, W_q, x_zero_point, W_zero_point) → int32
 * Cast(to float) ; Mul(x_scale, W_scale) → scale ; Mul(cast, scale) [; Add(…, bias)]
 * </pre>
 * For MatMulInteger this is the exact shape ONNX Runtime's MatMulIntegerToFloat and DynamicQuantizeMatMul
 * fusions look for (scale product with x_scale first, constant bias as the Add's second input, every
 * intermediate read once), so each layer gets its own DynamicQuantizeLinear even when layers share an input.
 */
final class DynamicQuantizedChain {
    private DynamicQuantizedChain() {
    }

    /**
     * @param base        prefix for the new node and value names (the replaced node's name)
     * @param integerOp   MatMulInteger or ConvInteger
     * @param attributes  the integer op's attributes (a Conv's pads, strides …)
     * @param weightScale a constant the int32 result is scaled by, besides x_scale
     * @param bias        a value added at the end, or null
     * @param output      the value the chain produces (the replaced node's output)
     */
    static List<Node> build(Graph g, String base, String integerOp, Collection<Attribute> attributes, String x,
                            String weight, String weightZeroPoint, String weightScale, String bias, String output) {
        String xq = g.uniqueName(base + "_x_quantized");
        String xScale = g.uniqueName(base + "_x_scale");
        String xZero = g.uniqueName(base + "_x_zero_point");
        String integer = g.uniqueName(base + "_int32");
        String asFloat = g.uniqueName(base + "_int32_float");
        String scale = g.uniqueName(base + "_scale");
        String scaled = bias == null ? output : g.uniqueName(base + "_scaled");

        List<Node> chain = new ArrayList<>();
        chain.add(new Node(g.uniqueName(base + "_quantize_input"), "DynamicQuantizeLinear", List.of(x),
                List.of(xq, xScale, xZero)));
        Node op = new Node(g.uniqueName(base + "_" + integerOp), integerOp,
                List.of(xq, weight, xZero, weightZeroPoint), List.of(integer));
        attributes.forEach(op::setAttribute);
        chain.add(op);
        Node cast = new Node(g.uniqueName(base + "_to_float"), "Cast", List.of(integer), List.of(asFloat));
        cast.setAttribute(Attribute.ofInt("to", DataType.FLOAT.onnxCode()));
        chain.add(cast);
        chain.add(new Node(g.uniqueName(base + "_scale_product"), "Mul", List.of(xScale, weightScale), List.of(scale)));
        chain.add(new Node(g.uniqueName(base + "_rescale"), "Mul", List.of(asFloat, scale), List.of(scaled)));
        if (bias != null) {
            chain.add(new Node(g.uniqueName(base + "_bias"), "Add", List.of(scaled, bias), List.of(output)));
        }
        return chain;
    }
}
