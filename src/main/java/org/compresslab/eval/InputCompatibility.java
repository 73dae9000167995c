package org.compresslab.eval;

import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Shape;
import org.compresslab.graph.ValueInfo;

/** Checks, before any work starts, that the preprocessed images fit the model's input. */
public final class InputCompatibility {
    private InputCompatibility() {
    }

    /** Throws {@link IncompatibleInputException} saying what does not fit and what to do. */
    public static void check(Graph graph, Preprocessing prep, ImageDataset dataset) {
        if (graph.runtimeInputs().size() != 1) {
            throw new IncompatibleInputException("the model has " + graph.runtimeInputs().size()
                    + " inputs; CompressLab evaluates image classifiers with exactly one image input");
        }
        ValueInfo in = graph.runtimeInputs().get(0);
        if (in.type() != org.compresslab.graph.DataType.FLOAT) {
            throw new IncompatibleInputException("the model's input '" + in.name() + "' is "
                    + in.type().name().toLowerCase(java.util.Locale.ROOT) + "; CompressLab feeds float32 images");
        }
        Shape s = in.shape();
        if (s == null) {
            return; // nothing declared: the runtime will say if the shape is wrong
        }
        long[] expected = prep.shape(1);
        if (s.rank() != expected.length) {
            throw new IncompatibleInputException("the model's input '" + in.name() + "' has shape " + s
                    + " but the preprocessing makes images of shape " + Shape.of(expected)
                    + "; give a preprocessing that matches the model (--preprocessing FILE)");
        }
        for (int i = 1; i < expected.length; i++) {
            if (s.dim(i) >= 0 && s.dim(i) != expected[i]) {
                throw new IncompatibleInputException("the model expects input " + s + " but the preprocessing "
                        + "makes images of " + Shape.of(expected) + " (" + prep.channels() + " channel(s), "
                        + prep.width() + "×" + prep.height() + "); give a matching preprocessing (--preprocessing FILE)");
            }
        }
        if (s.dim(0) > 1) {
            throw new IncompatibleInputException("the model's input has a fixed batch of " + s.dim(0)
                    + "; export it with a dynamic or size-1 batch dimension");
        }
    }

    /** Checks the model's class count against the dataset's once the first output is known. */
    public static void checkClasses(int modelClasses, ImageDataset dataset) {
        if (modelClasses < dataset.classNames().size()) {
            throw new IncompatibleInputException("the model outputs " + modelClasses + " classes but dataset '"
                    + dataset.name() + "' has " + dataset.classNames().size()
                    + "; evaluate it on a dataset with the classes it was trained for");
        }
    }
}
