package org.compresslab.runtime.tensorflow;

import java.util.Set;
import org.tensorflow.proto.NodeDef;

/** Translates a family of TensorFlow ops into ONNX nodes of a {@link ConvertedGraph}. */
interface OpTranslator {
    /** The TensorFlow op types it translates. */
    Set<String> ops();

    /** Converts one node whose inputs are already converted, defining its outputs. */
    void convert(NodeDef n);
}
