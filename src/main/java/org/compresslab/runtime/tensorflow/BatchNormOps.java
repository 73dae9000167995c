package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.NodeAttributes.attr;
import static org.compresslab.runtime.tensorflow.NodeAttributes.flag;
import static org.compresslab.runtime.tensorflow.NodeAttributes.requireNhwc;
import static org.compresslab.runtime.tensorflow.NodeAttributes.requireRank;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.tensorflow.proto.NodeDef;

/** Inference-mode FusedBatchNorm (V1–V3) as ONNX BatchNormalization over the NCHW channels. */
final class BatchNormOps implements OpTranslator {
    static final Set<String> OPS = Set.of("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3");

    private final ConvertedGraph g;

    BatchNormOps(ConvertedGraph g) {
        this.g = g;
    }

    @Override
    public Set<String> ops() {
        return OPS;
    }

    @Override
    public void convert(NodeDef n) {
        requireNhwc(n);
        if (flag(n, "is_training")) {
            throw new SavedModelException("the batch normalization '" + n.getName() + "' is saved in training mode"
                    + " (is_training=true); export the model for inference");
        }
        for (int i = 1; i < 6; i++) {
            if (g.tf().readers(n.getName() + ":" + i) > 0) {
                throw new SavedModelException("the model reads the batch statistics of '" + n.getName()
                        + "', which only training uses");
            }
        }
        ConvertedValue x = g.in(n, 0);
        requireRank(n, x, 4);
        String[] names = {"scale", "offset", "mean", "variance"};
        List<String> inputs = new ArrayList<>(List.of(x.name()));
        for (int i = 1; i <= 4; i++) {
            ConstantTensor c = g.constant(n, i, names[i - 1]);
            inputs.add(g.initializer(g.weightName(n, i), new long[] {c.size()}, c.asFloats()));
        }
        float epsilon = attr(n, "epsilon") == null ? 1e-4f : attr(n, "epsilon").getF();
        String y = g.emit("BatchNormalization", n.getName(), inputs, Attribute.ofFloat("epsilon", epsilon));
        g.define(n, new ConvertedValue(y, 4));
    }
}
