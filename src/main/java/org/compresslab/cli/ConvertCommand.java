package org.compresslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.onnx.OnnxWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compresslab convert SAVEDMODEL_DIR --out MODEL.onnx}: writes the graph CompressLab reads a model
 * as, so an imported SavedModel can be deployed, diffed or compared with the original in its own runtime.
 */
@Command(name = "convert", description = "Write a model as ONNX: a TensorFlow SavedModel as CompressLab imports it "
        + "(NCHW input), or an ONNX file as CompressLab rewrites it.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A TensorFlow SavedModel folder or an ONNX file.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "MODEL.onnx", description = "Where to write the ONNX model.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelFile file = ModelFile.load(model);
        var graph = file.editableGraph("be converted to ONNX here");
        try {
            OnnxWriter.write(graph, out);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + " (" + e.getMessage()
                    + "); check the disk has space and the folder is writable");
        }
        ModelStatistics stats = ModelStatistics.of(graph);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Wrote %s: %s nodes, %s params, %s from %s (%s)%n", out, Format.count(graph.nodes().size()),
                Format.count(stats.params()), Format.bytes(java.nio.file.Files.size(out)), file.displayName(),
                file.format().displayName());
        return 0;
    }
}
