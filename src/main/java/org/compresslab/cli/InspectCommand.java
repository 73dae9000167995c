package org.compresslab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Shape;
import org.compresslab.graph.ValueInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compresslab inspect MODEL}: inputs, outputs, parameters, MACs and the per-layer table. */
@Command(name = "inspect", description = "Show a model's inputs, outputs, parameters, MACs and layers.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model: an ONNX file, a TorchScript archive (.pt) or a TensorFlow SavedModel folder.")
    Path model;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ModelFile file = ModelFile.load(model);
        ModelStatistics stats = ModelStatistics.of(file.graph());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.write(toJson(file, stats)));
        } else {
            printText(out, file, stats);
        }
        for (String problem : stats.problems()) {
            spec.commandLine().getErr().println("compresslab: note: " + problem);
        }
        return 0;
    }

    static ObjectNode toJson(ModelFile file, ModelStatistics stats) {
        Graph g = file.graph();
        ObjectNode root = Json.object();
        root.put("model", file.path().toString());
        root.put("params", stats.params());
        root.put("nonzero_params", stats.nonZeroParams());
        root.put("format", file.format().displayName());
        putMacs(root, file.knownMacs(stats));
        root.put("bytes", file.bytes().length);
        root.put("opset", g.opsetVersion());
        root.put("producer", (g.producerName() + " " + g.producerVersion()).trim());
        root.set("inputs", values(g.runtimeInputs()));
        root.set("outputs", values(g.outputs()));
        file.preprocessing().ifPresent(p -> root.set("preprocessing", Json.MAPPER.valueToTree(p)));
        ArrayNode layers = root.putArray("layers");
        for (LayerStatistics l : stats.layers()) {
            ObjectNode o = layers.addObject();
            o.put("name", l.name());
            o.put("op", l.op());
            if (l.outputShape() == null) {
                o.putNull("output_shape");
            } else {
                ArrayNode s = o.putArray("output_shape");
                for (long d : l.outputShape()) {
                    s.add(d);
                }
            }
            o.put("params", l.params());
            putMacs(o, l.macs());
        }
        return root;
    }

    /** Unknown MACs are null in JSON: a missing number, never a guessed one. */
    private static void putMacs(ObjectNode o, long macs) {
        if (macs < 0) {
            o.putNull("macs");
        } else {
            o.put("macs", macs);
        }
    }

    private static ArrayNode values(List<ValueInfo> values) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (ValueInfo v : values) {
            ObjectNode o = arr.addObject();
            o.put("name", v.name());
            ArrayNode shape = o.putArray("shape");
            if (v.shape() != null) {
                for (int i = 0; i < v.shape().rank(); i++) {
                    if (v.shape().dim(i) >= 0) {
                        shape.add(v.shape().dim(i));
                    } else {
                        shape.add(v.shape().symbol(i) == null ? "?" : v.shape().symbol(i));
                    }
                }
            }
            o.put("type", v.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        return arr;
    }

    private static void printText(PrintWriter out, ModelFile file, ModelStatistics stats) {
        Graph g = file.graph();
        out.printf("Model      %s%n", file.path());
        out.printf("Format     %s%n", file.format().displayName());
        if (file.format().hasEditableGraph()) {
            out.printf("Producer   %s, opset %d%n", (g.producerName() + " " + g.producerVersion()).trim(), g.opsetVersion());
        } else {
            out.printf("Runtime    %s%n", g.producerName());
        }
        for (ValueInfo v : g.runtimeInputs()) {
            out.printf("Input      %s %s %s%n", v.name(), v.type().name().toLowerCase(java.util.Locale.ROOT), v.shape());
        }
        for (ValueInfo v : g.outputs()) {
            out.printf("Output     %s %s %s%n", v.name(), v.type().name().toLowerCase(java.util.Locale.ROOT), v.shape());
        }
        out.printf("Params     %s (non-zero %s)%n", Format.count(stats.params()), Format.count(stats.nonZeroParams()));
        long macs = file.knownMacs(stats);
        out.printf("MACs       %s per image%n", macs < 0 ? "unknown" : Format.count(macs));
        out.printf("File size  %s%n", Format.bytes(file.bytes().length));
        file.preprocessing().ifPresent(p -> out.printf("Preproc.   %s%n", p.toJson()));
        if (!file.format().hasEditableGraph()) {
            out.println("Layers     not readable from TorchScript code; export to ONNX to see and compress them");
            return;
        }
        out.println();
        out.printf("%-40s %-20s %-20s %12s %14s%n", "layer", "op", "output shape", "params", "MACs");
        for (LayerStatistics l : stats.layers()) {
            out.printf("%-40s %-20s %-20s %12s %14s%n", Format.clip(l.name(), 40), l.op(),
                    l.outputShape() == null ? "?" : Shape.of(l.outputShape()).toString(),
                    Format.count(l.params()), l.macs() < 0 ? "?" : Format.count(l.macs()));
        }
    }
}
