package org.compresslab.ui.shell;

import org.compresslab.Version;
import org.compresslab.runtime.OnnxRuntimeBackend;

/** The versions Help ▸ About lists, so a bug report says what ran. */
public final class AboutInfo {
    private AboutInfo() {
    }

    public static String text() {
        return "CompressLab " + Version.current() + "\n\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n"
                + "ONNX Runtime " + safeOrtVersion() + "\n"
                + "DJL " + djlVersion() + "\n"
                + "OS " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
    }

    private static String safeOrtVersion() {
        try {
            return OnnxRuntimeBackend.runtimeVersion();
        } catch (RuntimeException | LinkageError e) {
            return "not available (" + e.getMessage() + ")";
        }
    }

    /** DJL's own version; the PyTorch engine is loaded only when something trains, not for this dialog. */
    private static String djlVersion() {
        try {
            return ai.djl.engine.Engine.getDjlVersion() + " (PyTorch engine)";
        } catch (RuntimeException | LinkageError e) {
            return "not available (" + e.getMessage() + ")";
        }
    }
}
