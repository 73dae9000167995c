package org.compresslab.graph;

import java.util.Set;

/** The operators CompressLab understands; anything else is carried as an opaque node. */
public final class OpSet {
    private OpSet() {
    }

    public static final Set<String> SUPPORTED = Set.of(
            "Conv", "BatchNormalization", "Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish",
            "Tanh", "Add", "Sub", "Mul", "Div", "Concat", "Split", "Slice", "MaxPool", "AveragePool",
            "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Gemm", "MatMul",
            "Softmax", "Dropout", "Identity", "Constant", "Pad", "ReduceMean", "LayerNormalization", "Erf",
            "Gelu", "Pow", "Sqrt", "Shape", "Gather", "QuantizeLinear", "DequantizeLinear", "Cast");

    /** The ops whose multiply-accumulates are counted as MACs (the common counters' convention). */
    public static final Set<String> MAC_OPS = Set.of("Conv", "Gemm", "MatMul", "ConvInteger", "MatMulInteger");

    public static boolean isSupported(Node node) {
        return (node.isDefaultDomain() || (node.domain().equals("com.microsoft") && node.opType().equals("Gelu")))
                && SUPPORTED.contains(node.opType());
    }
}
