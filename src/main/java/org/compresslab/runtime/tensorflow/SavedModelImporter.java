package org.compresslab.runtime.tensorflow;

import java.nio.file.Path;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.TopologicalOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.SignatureDef;

/**
 * Imports a TensorFlow SavedModel as a CompressLab {@link Graph} of ONNX ops (opset
 * {@value GraphDefConverter#OPSET}), so every technique and the ONNX Runtime measurements apply to it.
 *
 * <p>The imported graph is channels-first: it takes the signature's image input as [N, C, H, W] where
 * TensorFlow takes [N, H, W, C], and computes the same outputs (4-D outputs also channels-first).
 * {@link TensorFlowBackend} presents the SavedModel itself with the same NCHW interface, so the two can be
 * compared on the same inputs.
 *
 * <p>A {@value PreprocessingSidecar#FILE_NAME} in the folder becomes the graph's preprocessing metadata
 * (see {@link PreprocessingSidecar}).
 */
public final class SavedModelImporter {
    private static final Logger LOG = LoggerFactory.getLogger(SavedModelImporter.class);

    private SavedModelImporter() {
    }

    /** Imports the "serving_default" signature of the MetaGraph tagged "serve". */
    public static Graph importSavedModel(Path dir) {
        return importSavedModel(dir, SavedModelFolder.DEFAULT_TAG, SavedModelFolder.DEFAULT_SIGNATURE);
    }

    /**
     * Imports one signature of a SavedModel.
     *
     * @throws SavedModelException when the folder is not a SavedModel, lacks the tag or signature, or
     *                             uses what the importer cannot convert ({@link UnsupportedTensorFlowOpException}
     *                             names the op and node)
     */
    public static Graph importSavedModel(Path dir, String tag, String signatureName) {
        long start = System.nanoTime();
        try (SavedModelBundle bundle = SavedModelFolder.load(dir, tag, null)) {
            SignatureDef signature = SavedModelFolder.signature(bundle, signatureName, dir);
            GraphDefConverter converter = new GraphDefConverter(bundle.graph(), bundle.session(),
                    bundle.metaGraphDef().getGraphDef());
            Graph g = converter.convert(signature, graphName(dir));
            g.setProducerVersion("tensorflow " + TensorFlow.version());
            PreprocessingSidecar.read(dir).ifPresent(json -> g.metadata().put(PreprocessingSidecar.METADATA_KEY, json));
            g.setDocString("Imported from the TensorFlow SavedModel '" + dir.getFileName() + "' (tag '" + tag
                    + "', signature '" + signatureName + "'); inputs and 4-D outputs are NCHW where TensorFlow's are NHWC.");
            TopologicalOrder.sort(g);
            GraphValidator.check(g);
            LOG.info("imported SavedModel {} ({} nodes, {} weights) in {} ms", dir, g.nodes().size(),
                    g.initializers().size(), (System.nanoTime() - start) / 1_000_000);
            return g;
        }
    }

    /** The folder's name, or its parent's for TensorFlow Serving's numbered version folders (model/1). */
    private static String graphName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "savedmodel" : abs.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && abs.getParent() != null && abs.getParent().getFileName() != null) {
            return abs.getParent().getFileName() + "-" + name;
        }
        return name;
    }
}
