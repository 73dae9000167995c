package org.compresslab.eval;

import java.nio.file.Path;
import java.util.Optional;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.runtime.torchscript.TorchScriptBackend;

/**
 * What CompressLab can know of a TorchScript module without reading its code: its parameters (the real
 * values, so counts and sizes are measured), its input when the archive names its preprocessing, and its
 * output from one run. Held as a graph with no nodes, so the inspector and the statistics treat it like any
 * model; techniques refuse it ({@link org.compresslab.runtime.ModelFormat#hasEditableGraph()}).
 */
final class TorchScriptGraph {
    private TorchScriptGraph() {
    }

    static Graph read(Path file) {
        try (TorchScriptBackend backend = new TorchScriptBackend(file, RuntimeOptions.defaults())) {
            Graph g = new Graph();
            String name = file.getFileName().toString();
            g.setName(name.replaceFirst("\\.(pt|pth|torchscript)$", ""));
            g.setProducerName(backend.description());
            for (TorchScriptBackend.NamedParameter p : backend.parameters()) {
                g.putInitializer(Tensor.ofFloats(p.name(), p.shape(), p.values()));
            }
            Optional<String> json = backend.preprocessingJson();
            json.ifPresent(j -> g.metadata().put(Preprocessing.METADATA_KEY, j));
            Optional<Preprocessing> prep = json.map(Preprocessing::fromJson);
            long[] in = prep.map(p -> p.shape(1)).orElse(null);
            Shape inputShape = in == null ? null : batchDynamic(in);
            g.addInput(new ValueInfo("input", DataType.FLOAT, inputShape));
            Shape outputShape = null;
            if (in != null) {
                BackendOutput out = backend.run(new float[(int) Shape.of(in).elementCount()], in);
                outputShape = batchDynamic(out.shape());
            }
            g.addOutput(new ValueInfo("output", DataType.FLOAT, outputShape));
            return g;
        }
    }

    private static Shape batchDynamic(long[] dims) {
        long[] d = dims.clone();
        String[] symbols = new String[d.length];
        if (d.length > 0) {
            d[0] = Shape.UNKNOWN;
            symbols[0] = "batch";
        }
        return new Shape(d, symbols);
    }
}
