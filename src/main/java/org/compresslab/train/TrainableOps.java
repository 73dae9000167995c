package org.compresslab.train;

import java.util.LinkedHashSet;
import java.util.Set;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;

/** The ops {@link GraphBlock} can run with autograd, and the check that names the ones it cannot. */
public final class TrainableOps {
    public static final Set<String> SUPPORTED = Set.of(
            "Conv", "BatchNormalization", "Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh",
            "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Erf", "Gelu", "Concat", "Split", "Slice", "MaxPool",
            "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Gemm",
            "MatMul", "Softmax", "LayerNormalization", "ReduceMean", "Dropout", "Identity", "Constant", "Pad",
            "Shape", "Gather", "Cast");

    private TrainableOps() {
    }

    /** Throws {@link UntrainableModelException} naming every op (and a node using it) that cannot be trained. */
    public static void check(Graph graph) {
        Set<String> missing = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            boolean defaultDomain = n.isDefaultDomain() || (n.domain().equals("com.microsoft") && n.opType().equals("Gelu"));
            if (!defaultDomain || !SUPPORTED.contains(n.opType())) {
                missing.add(n.opType() + (n.domain().isEmpty() ? "" : " (" + n.domain() + ")") + " at node '" + n.label() + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new UntrainableModelException("the training runtime cannot run "
                    + (missing.size() == 1 ? "this op: " : "these ops: ") + String.join(", ", missing)
                    + ". Techniques that train (fine-tuning, distillation, QAT) are not available for this model.");
        }
    }
}
