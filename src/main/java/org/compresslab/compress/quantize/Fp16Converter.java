package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.onnx.OnnxWriter;

/**
 * Stores the model in half precision (IEEE float16): weights and the values flowing between layers.
 * The model's inputs and outputs stay float32 (Casts at the boundary), so it is fed and read as before.
 */
public final class Fp16Converter implements Technique {
    public static final String ID = "quantize.fp16";
    public static final String EXCLUDE_OP_TYPES = "exclude_op_types";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.QUANTIZATION,
            "Float16 (half precision)",
            "Stores every weight and every intermediate value of the model as a 16-bit float instead of a 32-bit "
                    + "one. A 16-bit float keeps about 3 significant decimal digits and reaches up to 65,504, which "
                    + "is plenty for the weights and activations of a trained network, so the predictions barely "
                    + "change. The model's input and output stay 32-bit: conversions are added at both ends, so the "
                    + "model is used exactly as before. A few values that the ONNX standard requires in 32-bit "
                    + "(such as Resize's scale factors) are left alone. Whether it also runs faster depends on "
                    + "the hardware: GPUs and recent ARM CPUs compute in 16-bit natively, most x86 CPUs do not.",
            "File about half the size. On x86 CPUs ONNX Runtime has few float16 kernels, so it computes in float32 "
                    + "with casts — expect no speed-up (often a slow-down). Accuracy practically unchanged.",
            List.of(ParameterSpec.textList(EXCLUDE_OP_TYPES,
                    "Op types (e.g. Softmax, LayerNormalization) to keep in 32-bit floats; conversions are added "
                            + "around them. Use it if an op loses accuracy in 16 bits.")),
            true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters parameters, CompressionContext context) {
        context.cancel().throwIfCancelled();
        Set<String> excluded = new LinkedHashSet<>(parameters.textList(EXCLUDE_OP_TYPES));
        long bytesBefore = OnnxWriter.toBytes(model).length;
        Graph converted = model.copy();
        Float16Rewriter.Result r = Float16Rewriter.rewrite(converted, excluded);
        if (r.initializersConverted() == 0 && r.castsInserted() == 0) {
            throw new CompressionException("the model has no float32 weights or values to convert"
                    + " (is it already float16 or integer?)");
        }
        GraphValidator.check(converted);
        List<String> warnings = new ArrayList<>();
        for (String op : excluded) {
            if (converted.nodesOfType(op).isEmpty()) {
                warnings.add(EXCLUDE_OP_TYPES + ": the model has no '" + op + "' node; nothing was kept for it");
            }
        }
        if (r.valuesClamped() > 0) {
            warnings.add(r.valuesClamped() + " weight value(s) were beyond float16's range (±65,504) and were"
                    + " clamped to it; check the accuracy");
        }
        long bytesAfter = OnnxWriter.toBytes(converted).length;
        Fp16Report report = new Fp16Report(r.initializersConverted(), r.valuesClamped(), r.castsInserted(),
                bytesBefore, bytesAfter, r.keptFloat());
        return new TechniqueOutcome(converted, report, warnings);
    }
}
