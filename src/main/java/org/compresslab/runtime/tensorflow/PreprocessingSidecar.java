package org.compresslab.runtime.tensorflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preprocessing a SavedModel folder carries for CompressLab, so its accuracy can be measured without
 * asking: a JSON file {@value #FILE_NAME} (the same JSON an ONNX model holds in its metadata) beside
 * saved_model.pb, or in assets/ or assets.extra/ (where tf.saved_model.Asset and TensorFlow Serving put
 * extra files).
 *
 * <p>The imported graph, and {@link TensorFlowBackend}, take NCHW images, so an "NHWC" layout (natural to
 * write for a TensorFlow model) is stored as "NCHW": the same images, laid out as the imported input wants.
 */
final class PreprocessingSidecar {
    /** The metadata key the data package reads preprocessing from (runtime must not depend on data). */
    static final String METADATA_KEY = "compresslab.preprocessing";
    static final String FILE_NAME = "compresslab.preprocessing.json";
    private static final List<String> FOLDERS = List.of("", "assets", "assets.extra");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessingSidecar.class);

    private PreprocessingSidecar() {
    }

    /** The preprocessing JSON of the SavedModel in {@code dir}, with an NCHW layout, if the folder has one. */
    static Optional<String> read(Path dir) {
        for (String folder : FOLDERS) {
            Path file = folder.isEmpty() ? dir.resolve(FILE_NAME) : dir.resolve(folder).resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                return Optional.of(channelsFirst(file, readString(file)));
            }
        }
        return Optional.empty();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SavedModelException("cannot read the preprocessing file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String channelsFirst(Path file, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SavedModelException("The preprocessing file '" + file + "' is not valid JSON ("
                    + e.getOriginalMessage() + "). Fix it, e.g. {\"width\":28,\"height\":28,\"channels\":1,"
                    + "\"mean\":[0.5],\"std\":[0.5]}, or delete it.", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new SavedModelException("The preprocessing file '" + file + "' must hold a JSON object, e.g."
                    + " {\"width\":28,\"height\":28,\"channels\":1,\"mean\":[0.5],\"std\":[0.5]}.");
        }
        JsonNode layout = object.get("layout");
        if (layout == null || layout.asText().equals("NCHW")) {
            return json;
        }
        LOG.info("{} says layout {}; the imported model takes NCHW images, so it is stored as NCHW", file, layout.asText());
        object.put("layout", "NCHW");
        return object.toString();
    }
}
