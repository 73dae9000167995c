package org.compresslab.runtime.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compresslab.runtime.InferenceException;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Opens a SavedModel folder with TensorFlow Java and picks one signature, with errors that say what is
 * wrong with the folder. Shared by the importer and the backend so both read the same signature the
 * same way (inputs and outputs in the order of their signature keys).
 */
final class SavedModelFolder {
    static final String DEFAULT_TAG = "serve";
    static final String DEFAULT_SIGNATURE = "serving_default";

    private SavedModelFolder() {
    }

    /** Loads the MetaGraph tagged {@code tag}; {@code config} may be null. */
    static SavedModelBundle load(Path dir, String tag, ConfigProto config) {
        checkLooksLikeASavedModel(dir);
        try {
            SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(tag);
            if (config != null) {
                loader = loader.withConfigProto(config);
            }
            return loader.load();
        } catch (TensorFlowException e) {
            throw new SavedModelException("TensorFlow cannot load the SavedModel in '" + dir + "' with the tag '" + tag
                    + "': " + InferenceException.firstLine(e.getMessage()), e);
        }
    }

    static void checkLooksLikeASavedModel(Path dir) {
        if (!Files.exists(dir)) {
            throw new SavedModelException("There is no folder '" + dir + "'. Choose the folder a SavedModel was saved to"
                    + " (the one holding saved_model.pb).");
        }
        if (!Files.isDirectory(dir)) {
            String hint = dir.getFileName() != null && dir.getFileName().toString().equals("saved_model.pb")
                    ? " Choose the folder that holds it, '" + dir.getParent() + "'."
                    : " A SavedModel is a folder holding saved_model.pb and variables/.";
            throw new SavedModelException("'" + dir + "' is a file, not a TensorFlow SavedModel folder." + hint);
        }
        if (!Files.isRegularFile(dir.resolve("saved_model.pb")) && !Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
            throw new SavedModelException("'" + dir + "' is not a TensorFlow SavedModel folder: it has no saved_model.pb."
                    + " Choose the folder that tf.saved_model.save (or Keras model.export) wrote.");
        }
    }

    static SignatureDef signature(SavedModelBundle bundle, String name, Path dir) {
        Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
        SignatureDef sig = signatures.get(name);
        if (sig == null) {
            throw new SavedModelException("The SavedModel in '" + dir + "' has no signature '" + name + "'; it has "
                    + (signatures.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(signatures.keySet())))
                    + ".");
        }
        if (sig.getInputsCount() == 0 || sig.getOutputsCount() == 0) {
            throw new SavedModelException("The signature '" + name + "' of the SavedModel in '" + dir
                    + "' has no inputs or no outputs.");
        }
        return sig;
    }

    /** The signature's tensors in the order of their keys (TensorFlow's maps have no order of their own). */
    static List<Map.Entry<String, TensorInfo>> sorted(Map<String, TensorInfo> tensors) {
        List<Map.Entry<String, TensorInfo>> out = new ArrayList<>(tensors.entrySet());
        out.sort(Map.Entry.comparingByKey());
        return out;
    }

}
