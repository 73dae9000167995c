package org.compresslab.runtime.tensorflow;

/** The SavedModel uses a TensorFlow op the importer has no ONNX translation for. */
public final class UnsupportedTensorFlowOpException extends SavedModelException {
    private final String opType;
    private final String nodeName;

    public UnsupportedTensorFlowOpException(String opType, String nodeName, String message) {
        super(message);
        this.opType = opType;
        this.nodeName = nodeName;
    }

    public String opType() {
        return opType;
    }

    public String nodeName() {
        return nodeName;
    }
}
