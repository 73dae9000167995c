package org.compresslab.compress.quantize;

import java.util.Map;
import java.util.TreeMap;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.OptimizationLevel;

/**
 * What ONNX Runtime really executes for a quantized model: the op types of its optimised graph.
 * QDQ pairs that survive optimisation run as float with extra conversions — slower, not faster — so
 * reports show the count of integer kernels and of leftover QuantizeLinear/DequantizeLinear.
 *
 * @param opCounts op type (prefixed with its domain when not the ONNX one) → count
 */
public record RuntimeFusion(Map<String, Integer> opCounts) {

    public static RuntimeFusion of(byte[] model) {
        // EXTENDED: the fusions, without hardware-specific layout ops that only ALL adds
        Graph optimized = OnnxReader.read(OnnxRuntimeBackend.optimizedModel(model, OptimizationLevel.EXTENDED));
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : optimized.nodes()) {
            String key = n.isDefaultDomain() ? n.opType() : n.domain() + "." + n.opType();
            counts.merge(key, 1, Integer::sum);
        }
        return new RuntimeFusion(counts);
    }

    /** Integer kernels: QLinear*, QGemm, ConvInteger, MatMulInteger and their fused forms. */
    public int integerKernels() {
        return opCounts.entrySet().stream().filter(e -> isIntegerKernel(e.getKey())).mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** QuantizeLinear/DequantizeLinear that ORT could not fold into a kernel. */
    public int leftoverQdq() {
        return opCounts.getOrDefault("QuantizeLinear", 0) + opCounts.getOrDefault("DequantizeLinear", 0);
    }

    static boolean isIntegerKernel(String op) {
        String bare = op.substring(op.lastIndexOf('.') + 1);
        return bare.startsWith("QLinear") || bare.equals("QGemm") || bare.contains("Integer")
                || bare.equals("DynamicQuantizeMatMul");
    }
}
