package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.quantize.DynamicInt8Report.KeptLayer;
import org.compresslab.compress.quantize.DynamicInt8Report.Layer;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxWriter;

/**
 * Dynamic int8 quantization: weights of MatMul and Gemm layers (and, on request, Conv layers) are stored as
 * 8-bit integers; activations are quantized to 8 bits at run time, from each input's own range, so no
 * calibration data is needed.
 */
public final class DynamicInt8Quantizer implements Technique {
    public static final String ID = "quantize.dynamic-int8";
    public static final String INCLUDE_CONV = "include_conv";
    public static final String EXCLUDE = "exclude";

    /** DynamicQuantizeLinear, MatMulInteger and ConvInteger exist from this opset on. */
    static final long MIN_OPSET = 11;

    /**
     * One weight scale per output column. ONNX Runtime 1.29 fuses the chain into DynamicQuantizeMatMul with a
     * per-column scale vector and computes it correctly (checked by DynamicInt8QuantizerTest).
     */
    static final boolean PER_COLUMN_WEIGHTS = true;

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.QUANTIZATION,
            "Dynamic int8 (MatMul/Gemm)",
            "Stores the weights of the fully connected layers (MatMul and Gemm) as 8-bit integers, one scale per "
                    + "output column, instead of 32-bit floats. While the model runs, each layer's input is turned "
                    + "into 8-bit integers using that input's own minimum and maximum, the layer multiplies "
                    + "integers, and the result is scaled back to floats. Because the input ranges are measured "
                    + "on the fly, no calibration images are needed; the price is the time spent measuring and "
                    + "converting at every layer. It pays off for models dominated by large matrix products "
                    + "(MLPs, transformers), much less for convolutional networks.",
            "The quantized layers' weights shrink to a quarter. Faster matrix products on CPUs with 8-bit "
                    + "instructions (AVX2/AVX-512 VNNI, ARM dot-product) when the layers are large; little or "
                    + "nothing for small layers. Accuracy usually within a few tenths of a percent.",
            List.of(ParameterSpec.bool(INCLUDE_CONV, false,
                            "Also quantize convolutions (ConvInteger). Usually a loss: ONNX Runtime's integer "
                                    + "convolution on CPUs is slower than its float convolution (measured 0.77×). "
                                    + "For convolutional networks prefer static int8 quantization."),
                    ParameterSpec.textList(EXCLUDE,
                            "Node names or op types (e.g. Gemm) to keep in float, e.g. the last layer when it "
                                    + "loses accuracy.")),
            true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters parameters, CompressionContext context) {
        context.cancel().throwIfCancelled();
        boolean includeConv = parameters.bool(INCLUDE_CONV);
        List<String> exclude = parameters.textList(EXCLUDE);
        long opset = model.opsetVersion();
        if (opset >= 0 && opset < MIN_OPSET) {
            throw new CompressionException("dynamic int8 quantization needs ONNX opset " + MIN_OPSET
                    + " or newer, the model uses opset " + opset + "; re-export it with opset 13 or newer");
        }
        Graph g = model.copy();
        Map<String, DataType> types = ElementTypes.infer(g);
        DynamicMatMulRewriter matMuls = new DynamicMatMulRewriter(PER_COLUMN_WEIGHTS);
        List<Layer> quantized = new ArrayList<>();
        List<KeptLayer> kept = new ArrayList<>();
        int convsLeft = 0;
        for (Node n : List.copyOf(g.nodes())) {
            String op = n.opType();
            boolean conv = op.equals("Conv");
            if (!n.isDefaultDomain() || !(conv || op.equals("MatMul") || op.equals("Gemm"))) {
                continue;
            }
            if (conv && !includeConv) {
                convsLeft++;
                continue;
            }
            Optional<String> obstacle = exclude.contains(n.name()) || exclude.contains(op)
                    ? Optional.of("excluded")
                    : conv ? DynamicConvRewriter.obstacle(g, n, types) : DynamicMatMulRewriter.obstacle(g, n, types);
            if (obstacle.isPresent()) {
                kept.add(new KeptLayer(n.label(), op, obstacle.get()));
                continue;
            }
            try {
                quantized.add(conv ? DynamicConvRewriter.rewrite(g, n) : matMuls.rewrite(g, n));
            } catch (IllegalArgumentException e) {
                // the weight quantizer refuses NaN and infinite weights: the model itself is broken there
                throw new CompressionException("cannot quantize " + n.label() + " (" + op + "): " + e.getMessage(), e);
            }
        }
        if (quantized.isEmpty()) {
            throw new CompressionException(nothingToQuantize(includeConv, kept, convsLeft));
        }
        // drops the float weights the integer layers replaced
        g.removeUnusedInitializers();
        GraphValidator.check(g);
        List<String> warnings = new ArrayList<>();
        if (includeConv) {
            warnings.add("include_conv: convolutions now run as ConvInteger, which is usually slower than float "
                    + "convolution on CPUs (ONNX Runtime ran a 1-GMAC CNN at 0.77× the float speed); static int8 "
                    + "quantization is the one that speeds convolutional networks up");
        }
        exclude.stream().filter(e -> model.nodes().stream().noneMatch(n -> e.equals(n.name()) || e.equals(n.opType())))
                .forEach(e -> warnings.add(EXCLUDE + ": '" + e + "' matches no node name or op type of the model"));
        return new TechniqueOutcome(g, new DynamicInt8Report(quantized, kept, count(quantized, "MatMul"),
                count(quantized, "Gemm"), count(quantized, "Conv"), OnnxWriter.toBytes(model).length,
                OnnxWriter.toBytes(g).length), warnings);
    }

    private static String nothingToQuantize(boolean includeConv, List<KeptLayer> kept, int convsLeft) {
        StringBuilder m = new StringBuilder(includeConv
                ? "no MatMul, Gemm or Conv with constant weights to quantize"
                : "no MatMul or Gemm with constant weights to quantize");
        if (kept.isEmpty()) {
            m.append("; the model has none");
        } else {
            m.append("; ");
            m.append(String.join("; ", kept.stream().map(k -> k.node() + " (" + k.opType() + "): " + k.reason())
                    .limit(5).toList()));
            if (kept.size() > 5) {
                m.append("; … ").append(kept.size() - 5).append(" more");
            }
        }
        if (convsLeft > 0) {
            m.append(". The model has ").append(convsLeft).append(" convolution").append(convsLeft == 1 ? "" : "s")
                    .append(": set include_conv to quantize convolutions (usually slower on CPUs), or use"
                            + " static int8 quantization");
        }
        return m.toString();
    }

    private static int count(List<Layer> layers, String op) {
        return (int) layers.stream().filter(l -> l.opType().equals(op)).count();
    }
}
