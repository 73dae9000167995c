package org.compresslab.eval.stats;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A human-readable description of the CPU, recorded next to latency figures because a latency
 * means nothing without the machine it was measured on.
 */
public final class CpuInfo {

    private static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    private CpuInfo() {
    }

    /**
     * The CPU model, e.g. "AMD EPYC 7B13", from the first "model name" line of /proc/cpuinfo on
     * Linux; otherwise (other systems, or ARM kernels without that line) the architecture and
     * processor count, e.g. "aarch64, 8 logical processors". Never throws.
     */
    public static String modelName() {
        try {
            if (Files.isReadable(PROC_CPUINFO)) {
                // Latin-1 decodes any byte sequence, so an odd byte cannot lose the whole name.
                List<String> lines = Files.readAllLines(PROC_CPUINFO, StandardCharsets.ISO_8859_1);
                Optional<String> name = parseModelName(lines);
                if (name.isPresent()) {
                    return name.get();
                }
            }
        } catch (Exception e) {
            // A description is best effort; any failure falls through to the generic one.
        }
        return fallbackDescription();
    }

    /** The value of the first non-blank "model name" line, if any. */
    static Optional<String> parseModelName(List<String> cpuinfoLines) {
        for (String line : cpuinfoLines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            if (line.substring(0, colon).trim().equals("model name")) {
                String value = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                if (!value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    static String fallbackDescription() {
        String arch;
        int processors;
        try {
            arch = System.getProperty("os.arch", "unknown architecture");
            processors = Runtime.getRuntime().availableProcessors();
        } catch (RuntimeException e) {
            return "unknown CPU";
        }
        return arch + ", " + processors + (processors == 1 ? " logical processor" : " logical processors");
    }
}
