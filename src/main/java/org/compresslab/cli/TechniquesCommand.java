package org.compresslab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.study.CompressionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code compresslab techniques}: every technique a recipe can name, with its parameters. */
@Command(name = "techniques", description = "List the techniques a recipe can use, with their parameters.")
final class TechniquesCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var descriptors = TechniqueRegistry.standard().descriptors();
        if (output.json) {
            out.println(Json.write(CompressionJson.descriptors(descriptors)));
            return 0;
        }
        for (TechniqueDescriptor d : descriptors) {
            out.println(d.id() + " — " + d.title() + " [" + d.family().id() + "]");
            out.println("  " + d.explanation());
            out.println("  Expect: " + d.expectation());
            for (ParameterSpec p : d.parameters()) {
                out.println("  " + p.name() + " (" + p.rangeDescription() + "; default " + p.defaultValue() + "): "
                        + p.explanation());
            }
            out.println();
        }
        return 0;
    }
}
