package org.compresslab.compress.distill;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.train.catalogue.ModelCatalogue;

/**
 * Turns the {@code student} and {@code teacher} parameters into graphs: a catalogue architecture built
 * fresh for the data's input and the teacher's classes, or a model file read as it is.
 */
final class Students {
    private Students() {
    }

    /** The one name a list parameter holds; the recipe format has lists, not single strings. */
    static String single(List<String> value, String parameter, String allowed) {
        if (value.size() != 1 || value.get(0).isBlank()) {
            throw new InvalidRecipeException(KnowledgeDistillation.ID + ": parameter '" + parameter + "' must be "
                    + allowed + ", was " + (value.isEmpty() ? "empty" : String.join(", ", value)));
        }
        return value.get(0).strip();
    }

    /** A fresh catalogue network (initialised from {@code seed}) or the weights of a model file. */
    static Graph student(String name, Preprocessing prep, int classes, long seed) {
        if (ModelCatalogue.info(name).isPresent()) {
            if (!prep.isChannelsFirst()) {
                throw new CompressionException("catalogue students take channels-first (NCHW) images but the "
                        + "preprocessing makes " + prep.layout() + "; give a student model file instead");
            }
            try {
                return ModelCatalogue.build(name, prep.channels(), prep.height(), prep.width(), classes, seed);
            } catch (IllegalArgumentException e) {
                throw new CompressionException("student " + name + ": " + e.getMessage(), e);
            }
        }
        if (looksLikeFile(name)) {
            return read(name, "student");
        }
        throw new InvalidRecipeException(KnowledgeDistillation.ID + ": student '" + name + "' is neither a catalogue "
                + "architecture (" + String.join(", ", ModelCatalogue.ids()) + ", or mobilenetv2-<width>) nor a "
                + "model file");
    }

    /** A model file named by a parameter, with a plain message when it cannot be read. */
    static ModelFile readFile(String name, String role) {
        try {
            return ModelFile.load(Path.of(name));
        } catch (OnnxFormatException | org.compresslab.runtime.InferenceException | org.compresslab.graph.GraphException
                 | InvalidPathException e) {
            throw new InvalidRecipeException(KnowledgeDistillation.ID + ": the " + role + " model file cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static Graph read(String name, String role) {
        return readFile(name, role).editableGraph("be trained as the " + role);
    }

    private static boolean looksLikeFile(String name) {
        if (name.endsWith(".onnx") || name.endsWith(".pt") || name.contains("/") || name.contains("\\")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
