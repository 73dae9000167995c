package org.compresslab.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;

/**
 * Everything the inspector shows about one model, already formatted. Built on a worker thread (the
 * statistics of a large model take a noticeable fraction of a second) and then applied to the
 * view-model's properties on the UI thread in one go.
 */
record ModelReport(String params, String nonZeroParams, String macs, String fileSize, String opset,
                   String inputs, String outputs, String preprocessing, List<LayerRow> layers, List<String> problems) {

    static final String NO_PREPROCESSING = "none — pixels in [0,1] assumed";

    static ModelReport of(ModelFile file) {
        Graph g = file.graph();
        ModelStatistics stats = ModelStatistics.of(g);
        List<String> problems = new ArrayList<>(stats.problems());
        String producer = (g.producerName() + " " + g.producerVersion()).trim();
        long macs = file.knownMacs(stats);
        if (!file.format().hasEditableGraph()) {
            problems.add("The layers of a " + file.format().displayName() + " module cannot be read from its code, so "
                    + "they are not listed and MACs are unknown. It can be evaluated and can teach a distilled "
                    + "student; export it to ONNX to see its layers and compress it.");
        }
        return new ModelReport(
                InspectorFormat.countAndCompact(stats.params()),
                nonZero(stats),
                macs < 0 ? InspectorFormat.UNKNOWN : InspectorFormat.countAndCompact(macs),
                InspectorFormat.bytes(file.bytes().length),
                format(file, producer),
                InspectorFormat.values(g.runtimeInputs()),
                InspectorFormat.values(g.outputs()),
                preprocessing(file, problems),
                rows(stats),
                List.copyOf(problems));
    }

    /** The ONNX opset and producer, or what a model in another format was read as and runs in. */
    private static String format(ModelFile file, String producer) {
        return switch (file.format()) {
            case ONNX -> file.graph().opsetVersion() + (producer.isEmpty() ? "" : " · " + producer);
            case TORCHSCRIPT -> "TorchScript · runs in " + producer;
            case SAVED_MODEL -> "TensorFlow SavedModel · imported as ONNX opset " + file.graph().opsetVersion()
                    + " (the size is the import's) · evaluated in TensorFlow";
        };
    }

    /** Sparsity is what pruning buys, so the non-zero share is worth seeing beside the count. */
    private static String nonZero(ModelStatistics stats) {
        String count = InspectorFormat.count(stats.nonZeroParams());
        if (stats.params() == 0) {
            return count;
        }
        double fraction = (double) stats.nonZeroParams() / stats.params();
        // a few zeros must not read as "100.0%": that would claim the model has none
        String percent = fraction < 1 && fraction >= 0.9995 ? ">99.9%" : InspectorFormat.percent(fraction);
        return count + " (" + percent + ")";
    }

    /** Malformed preprocessing metadata must not hide the rest of the report: it becomes a problem line. */
    private static String preprocessing(ModelFile file, List<String> problems) {
        try {
            // a space after each comma lets the label wrap the JSON between fields, not inside a word
            return file.preprocessing().map(p -> p.toJson().replace(",", ", ")).orElse(NO_PREPROCESSING);
        } catch (RuntimeException e) {
            problems.add("the model's preprocessing metadata cannot be read: " + e.getMessage());
            return "unreadable (see the warning below)";
        }
    }

    private static List<LayerRow> rows(ModelStatistics stats) {
        long total = stats.macs();
        List<LayerRow> rows = new ArrayList<>(stats.layers().size());
        int index = 1;
        for (LayerStatistics l : stats.layers()) {
            // a share of an unknown (or zero) total is not a number we can honestly show
            double share = total > 0 && l.macs() >= 0 ? (double) l.macs() / total : Double.NaN;
            rows.add(new LayerRow(index++, l.name(), l.op(), InspectorFormat.shape(l.outputShape()),
                    l.params(), l.macs(), share));
        }
        return List.copyOf(rows);
    }
}
