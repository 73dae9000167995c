package org.compresslab.ui.tasks;

import org.compresslab.data.DatasetException;
import org.compresslab.graph.GraphException;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.runtime.InferenceException;

/** Plain words for users from an exception: the engine's own messages, or a short generic line for bugs. */
public final class UserMessages {
    private UserMessages() {
    }

    public static String plain(Throwable e) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof OnnxFormatException || t instanceof DatasetException || t instanceof GraphException
                || t instanceof InferenceException || t instanceof IllegalArgumentException
                || t instanceof java.io.IOException || isUserFacing(t)) {
            String m = t.getMessage();
            return m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m);
        }
        if (t instanceof OutOfMemoryError) {
            return "CompressLab ran out of memory. Try a smaller sample limit or batch, or give Java more memory.";
        }
        return "Something went wrong inside CompressLab (" + t.getClass().getSimpleName()
                + "). The details below help to report it.";
    }

    /** Exceptions of the study layer etc. that carry user messages by convention (named *Exception in our packages). */
    private static boolean isUserFacing(Throwable t) {
        return t instanceof RuntimeException && t.getClass().getName().startsWith("org.compresslab.")
                && t.getMessage() != null;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
