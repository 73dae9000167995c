package org.compresslab.study.report;

import org.compresslab.Version;
import org.compresslab.eval.stats.CpuInfo;
import org.compresslab.runtime.OnnxRuntimeBackend;

/**
 * The machine and software a report was written with. The runs' own figures carry the CPU and runtime
 * they were measured on ({@code EvaluationResult.cpu()}/{@code runtime()}), which may differ: a project
 * can be measured on one machine and reported on another.
 *
 * @param cpuModel            from /proc/cpuinfo "model name" where there is one, else architecture and count
 * @param availableProcessors logical processors the JVM may use
 */
public record Environment(String cpuModel, int availableProcessors, String javaVersion, String os,
                          String onnxRuntimeVersion, String compressLabVersion) {

    public static Environment current() {
        return new Environment(CpuInfo.modelName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                loadedOnnxRuntimeVersion(), Version.current());
    }

    /** As Help ▸ About finds it: a report must still be written when the native library cannot load. */
    private static String loadedOnnxRuntimeVersion() {
        try {
            return OnnxRuntimeBackend.runtimeVersion();
        } catch (RuntimeException | LinkageError e) {
            return "not available (" + e.getMessage() + ")";
        }
    }
}
