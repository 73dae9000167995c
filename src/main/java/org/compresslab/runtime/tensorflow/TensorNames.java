package org.compresslab.runtime.tensorflow;

/** TensorFlow's names for tensors: "node:index", with ":0" implied and "^node" marking a control input. */
final class TensorNames {
    private TensorNames() {
    }

    /** The tensor an input string names ("conv" and "^conv" both mean "conv:0"). */
    static String tensorName(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        return s.indexOf(':') < 0 ? s + ":0" : s;
    }

    static String nodeName(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? tensor : tensor.substring(0, colon);
    }

    static int outputIndex(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
    }

    /** The name of output {@code i} of node {@code n}. */
    static String output(org.tensorflow.proto.NodeDef n, int i) {
        return n.getName() + ":" + i;
    }
}
