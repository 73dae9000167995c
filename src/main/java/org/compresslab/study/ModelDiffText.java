package org.compresslab.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.compresslab.eval.ByteSizes;
import org.compresslab.graph.DataType;
import org.compresslab.study.ModelDiff.Layer;
import org.compresslab.study.ModelDiff.LayerChange;
import org.compresslab.study.ModelDiff.NodeGroup;
import org.compresslab.study.ModelDiff.Totals;
import org.compresslab.study.ModelDiff.Weight;

/**
 * A {@link ModelDiff} in plain words, for the workbench's "What changed" page and the report:
 * "conv2: 16→8 output channels, weights 16×6×5×5→8×3×5×5, 2,416→608 params".
 */
public final class ModelDiffText {
    /** What the ops that compression adds or removes are for, so a diff teaches rather than lists. */
    private static final Map<String, String> ADDED_BECAUSE = Map.of(
            "QuantizeLinear", "round values to 8-bit integers where they enter a quantized layer",
            "DequantizeLinear", "turn 8-bit values and weights back into real numbers; ONNX Runtime fuses them"
                    + " with the layer into one integer kernel",
            "DynamicQuantizeLinear", "quantize activations to 8 bits while the model runs",
            "MatMulInteger", "multiply 8-bit matrices with 32-bit sums",
            "ConvInteger", "convolve 8-bit values with 32-bit sums",
            "Cast", "convert values between number formats");

    private ModelDiffText() {
    }

    /** One line per changed layer's change, with its name: "conv2: 16→8 output channels, …". */
    public static String layer(LayerChange c) {
        return c.name() + ": " + change(c);
    }

    /** What changed in one layer, without its name. */
    public static String change(LayerChange c) {
        Layer b = c.before();
        Layer a = c.after();
        List<String> parts = new ArrayList<>();
        if (!c.replacement().isEmpty()) {
            parts.add(b.op() + " replaced by " + c.replacement().size() + " nodes (" + countedOps(c.replacement()) + ")");
        } else if (!b.op().equals(a.op())) {
            parts.add(b.op() + "→" + a.op());
        }
        if (b.outputChannels() >= 0 && a.outputChannels() >= 0 && b.outputChannels() != a.outputChannels()) {
            // a feature map (N, C, H, W) has channels; a vector (N, F) has outputs
            parts.add(b.outputChannels() + "→" + a.outputChannels()
                    + (a.outputShape().length > 2 ? " output channels" : " outputs"));
        }
        inputChannels(b).ifPresent(cb -> inputChannels(a).filter(ca -> !ca.equals(cb))
                .ifPresent(ca -> parts.add(cb + "→" + ca + " input channels")));
        weightChange(b, a).ifPresent(parts::add);
        if (a.weights().size() > b.weights().size() && c.replacement().isEmpty()) {
            parts.add(a.weights().size() - b.weights().size() == 1 && b.weights().size() == 1
                    ? "gained a bias (" + typeName(a.weights().get(1).type()) + ")"
                    : "weight tensors " + b.weights().size() + "→" + a.weights().size());
        }
        if (b.params() != a.params()) {
            parts.add(count(b.params()) + "→" + count(a.params()) + " params");
        }
        if (zerosWorthSaying(b, a)) {
            parts.add(count(b.nonZero()) + "→" + count(a.nonZero()) + " non-zero"
                    + (a.params() > 0 && a.nonZero() < a.params()
                    ? String.format(Locale.ROOT, " (%.0f%% zeros)", 100.0 * (a.params() - a.nonZero()) / a.params())
                    : ""));
        }
        if (b.macs() >= 0 && a.macs() >= 0 && b.macs() != a.macs()) {
            parts.add(count(b.macs()) + "→" + count(a.macs()) + " MACs");
        }
        if (parts.isEmpty()) {
            parts.add(c.valuesChanged() ? "same shapes, new weight values (retrained or folded)"
                    : "output shape " + shape(b.outputShape()) + "→" + shape(a.outputShape()));
        }
        return String.join(", ", parts);
    }

    /**
     * Whether the change in non-zero weights is news: always for the same number format (pruning),
     * but rounding to int8 turns a few tiny weights into zeros, which is noise unless it is 5% or more.
     */
    private static boolean zerosWorthSaying(Layer b, Layer a) {
        if (b.nonZero() == a.nonZero() || (a.nonZero() == a.params() && b.nonZero() == b.params())) {
            return false;
        }
        boolean sameType = b.mainWeight().map(Weight::type).equals(a.mainWeight().map(Weight::type));
        long zerosBefore = b.params() - b.nonZero();
        long zerosAfter = a.params() - a.nonZero();
        return sameType || Math.abs(zerosAfter - zerosBefore) >= 0.05 * Math.max(1, a.params());
    }

    /** A convolution's input channels from its kernel (per group, as the kernel stores them). */
    private static Optional<Long> inputChannels(Layer l) {
        if (!l.op().equals("Conv")) {
            return Optional.empty();
        }
        return l.mainWeight().filter(w -> w.dims().length == 4).map(w -> w.dims()[1]);
    }

    private static Optional<String> weightChange(Layer b, Layer a) {
        Optional<Weight> wb = b.mainWeight();
        Optional<Weight> wa = a.mainWeight();
        if (wb.isEmpty() || wa.isEmpty()) {
            return wa.isPresent() ? Optional.of("now has weights " + dims(wa.get().dims()) + " " + typeName(wa.get().type()))
                    : wb.map(w -> "no weights any more");
        }
        boolean dimsChanged = !Arrays.equals(wb.get().dims(), wa.get().dims());
        boolean typeChanged = wb.get().type() != wa.get().type();
        if (dimsChanged && typeChanged) {
            return Optional.of("weights " + dims(wb.get().dims()) + " " + typeName(wb.get().type()) + "→"
                    + dims(wa.get().dims()) + " " + typeName(wa.get().type()));
        }
        if (dimsChanged) {
            return Optional.of("weights " + dims(wb.get().dims()) + "→" + dims(wa.get().dims()));
        }
        if (typeChanged) {
            return Optional.of("weights " + typeName(wb.get().type()) + "→" + typeName(wa.get().type()));
        }
        return Optional.empty();
    }

    /** One line for added or removed nodes of one op type: "BatchNormalization ×7 folded into …". */
    public static String group(NodeGroup g, boolean added) {
        String head = g.op() + " ×" + g.count();
        String params = g.params() > 0 ? " (" + count(g.params()) + " params)" : "";
        if (!added && g.op().equals("BatchNormalization") && g.afterKeptConv() == g.count()) {
            return head + " folded into the convolution" + (g.count() == 1 ? " before it" : "s before them") + params;
        }
        String because = added ? ADDED_BECAUSE.get(g.op()) : null;
        return head + (added ? " added" : " removed") + params + (because == null ? "" : ": " + because);
    }

    /**
     * The few facts a reader should take away: weight types that changed ("int8 weights in 21 layers
     * (were float32)"), layers that lost channels or became sparse, layers replaced by several nodes.
     * Added and removed nodes have their own lines ({@link #group}).
     */
    public static List<String> highlights(ModelDiff d) {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> typeChanges = new LinkedHashMap<>();
        int narrower = 0;
        int sparser = 0;
        for (LayerChange c : d.changed()) {
            Optional<Weight> wb = c.before().mainWeight();
            Optional<Weight> wa = c.after().mainWeight();
            if (wb.isPresent() && wa.isPresent() && wb.get().type() != wa.get().type()) {
                typeChanges.merge(typeName(wa.get().type()) + " weights in %d layer%s (were "
                        + typeName(wb.get().type()) + ")", 1, Integer::sum);
            }
            long cb = c.before().outputChannels();
            long ca = c.after().outputChannels();
            if (cb >= 0 && ca >= 0 && ca < cb) {
                narrower++;
            }
            if (c.after().nonZero() < c.before().nonZero() && c.after().params() == c.before().params()
                    && zerosWorthSaying(c.before(), c.after())) {
                sparser++;
            }
        }
        typeChanges.forEach((format, n) -> lines.add(String.format(Locale.ROOT, format, n, n == 1 ? "" : "s")));
        if (narrower > 0) {
            lines.add(narrower + " layer" + (narrower == 1 ? "" : "s") + " lost output channels (removed for good: fewer MACs)");
        }
        if (sparser > 0) {
            lines.add(sparser + (sparser == 1 ? " layer kept its shape but holds" : " layers kept their shape but hold")
                    + " more zeros"
                    + " (the zeros are still multiplied unless a sparse kernel skips them)");
        }
        for (LayerChange c : d.changed()) {
            if (!c.replacement().isEmpty()) {
                lines.add(c.name() + " (" + c.before().op() + ") became " + c.replacement().size() + " nodes: "
                        + countedOps(c.replacement()));
            }
        }
        return lines;
    }

    /** The totals, one line each: parameters, non-zero parameters, MACs, file size, nodes. */
    public static List<String> totals(Totals t) {
        List<String> lines = new ArrayList<>();
        lines.add("Parameters " + count(t.paramsBefore()) + " → " + count(t.paramsAfter()) + relative(t.paramsBefore(), t.paramsAfter(), "fewer"));
        if (t.nonZeroBefore() != t.paramsBefore() || t.nonZeroAfter() != t.paramsAfter()) {
            lines.add("Non-zero parameters " + count(t.nonZeroBefore()) + " → " + count(t.nonZeroAfter())
                    + relative(t.nonZeroBefore(), t.nonZeroAfter(), "fewer"));
        }
        lines.add(t.macsBefore() < 0 || t.macsAfter() < 0
                ? "MACs " + macs(t.macsBefore()) + " → " + macs(t.macsAfter())
                + " (unknown where shapes could not be inferred or integer kernels do work the count leaves out)"
                : "MACs " + count(t.macsBefore()) + " → " + count(t.macsAfter()) + relative(t.macsBefore(), t.macsAfter(), "fewer"));
        lines.add("File " + ByteSizes.brief(t.bytesBefore()) + " → " + ByteSizes.brief(t.bytesAfter())
                + relative(t.bytesBefore(), t.bytesAfter(), "smaller"));
        lines.add("Nodes " + t.nodesBefore() + " → " + t.nodesAfter());
        return lines;
    }

    /** A one-line summary: how many layers changed and nodes came and went. */
    public static String summary(ModelDiff d) {
        if (d.isEmpty()) {
            return "No layer changed: the two models have the same layers and weights.";
        }
        int added = d.added().stream().mapToInt(NodeGroup::count).sum();
        int removed = d.removed().stream().mapToInt(NodeGroup::count).sum();
        return String.format(Locale.ROOT, "%d layer%s changed, %d node%s added, %d removed (%s → %s)",
                d.changed().size(), d.changed().size() == 1 ? "" : "s", added, added == 1 ? "" : "s", removed,
                d.before(), d.after());
    }

    private static String macs(long n) {
        return n < 0 ? "unknown" : count(n);
    }

    /** "3.45× fewer" for big cuts, a percentage for small changes (a "1.01× fewer" reads as nothing). */
    private static String relative(long before, long after, String fewerWord) {
        if (before == after) {
            return " (unchanged)";
        }
        if (before <= 0 || after <= 0) {
            return "";
        }
        double ratio = (double) before / after;
        return ratio >= 1.5 ? String.format(Locale.ROOT, " (%.2f× %s)", ratio, fewerWord)
                : String.format(Locale.ROOT, " (%+.1f%%)", 100.0 * (after - before) / before);
    }

    /** "Mul ×2, Add" in order of first appearance. */
    static String countedOps(List<String> ops) {
        Map<String, Long> counts = ops.stream().collect(Collectors.groupingBy(o -> o, LinkedHashMap::new,
                Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The names people use: float32 rather than ONNX's FLOAT. */
    public static String typeName(DataType t) {
        return switch (t) {
            case FLOAT -> "float32";
            case FLOAT16 -> "float16";
            case DOUBLE -> "float64";
            case BFLOAT16 -> "bfloat16";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A layer's weights, e.g. "16×6×5×5, 16 float32" or "16×6×5×5 int8, 16 int32"; "none" without weights. */
    public static String weights(Layer l) {
        if (l.weights().isEmpty()) {
            return "none";
        }
        boolean oneType = l.weights().stream().map(Weight::type).distinct().count() == 1;
        String shapes = l.weights().stream().map(w -> dims(w.dims()) + (oneType ? "" : " " + typeName(w.type())))
                .collect(Collectors.joining(", "));
        return oneType ? shapes + " " + typeName(l.weights().get(0).type()) : shapes;
    }

    /** "16×6×5×5"; "scalar" for rank 0. */
    public static String dims(long[] d) {
        if (d.length == 0) {
            return "scalar";
        }
        return Arrays.stream(d).mapToObj(Long::toString).collect(Collectors.joining("×"));
    }

    /** An output shape without the batch dimension; "?" when unknown. */
    public static String shape(long[] s) {
        return s == null ? "?" : dims(s.length > 1 ? Arrays.copyOfRange(s, 1, s.length) : s);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
