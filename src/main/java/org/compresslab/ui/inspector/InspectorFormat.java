package org.compresslab.ui.inspector;

import java.util.Locale;
import java.util.stream.Collectors;
import org.compresslab.graph.Shape;
import org.compresslab.graph.ValueInfo;

/**
 * Number and shape formatting for the inspector. Locale.ROOT keeps "11,191,242" the same on every
 * machine, matching the CLI's text output.
 */
final class InspectorFormat {
    static final String UNKNOWN = "unknown";

    private InspectorFormat() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Short form for reading at a glance: 950, 9.1 k, 11.2 M, 1.8 G. */
    static String compact(double n) {
        double a = Math.abs(n);
        if (a < 1_000) {
            return String.format(Locale.ROOT, "%.0f", n);
        }
        if (a < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        if (a < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f G", n / 1e9);
    }

    /** Exact count plus the short form, e.g. "11,191,242 (11.2 M)"; small counts need no short form. */
    static String countAndCompact(long n) {
        return n < 1_000 ? count(n) : count(n) + " (" + compact(n) + ")";
    }

    /** MACs as the engine reports them: -1 means an op blocked counting, shown as unknown, never guessed. */
    static String macs(long macs) {
        return macs < 0 ? UNKNOWN : count(macs);
    }

    static String bytes(long n) {
        return org.compresslab.eval.ByteSizes.withExact(n);
    }

    /** A fraction as a percentage with one decimal; tiny non-zero shares read "<0.1%" rather than "0.0%". */
    static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "–";
        }
        if (fraction > 0 && fraction < 0.0005) {
            return "<0.1%";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /**
     * A node name made short for a chart axis. PyTorch exports name nodes by module path, repeating
     * each parent in its child ("/layer2/layer2.0/downsample/downsample.0/Conv"); dropping a segment
     * that the next one repeats keeps what tells layers apart ("layer2.0/downsample.0/Conv"). Still too
     * long, the head goes: the tail names the op and the module.
     */
    static String shortName(String name, int maxLength) {
        String[] parts = name.split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean repeatedByNext = i + 1 < parts.length && parts[i + 1].startsWith(part + ".");
            if (part.isEmpty() || repeatedByNext) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        String s = sb.length() == 0 ? name : sb.toString();
        return s.length() <= maxLength ? s : "…" + s.substring(s.length() - maxLength + 1);
    }

    /**
     * The short name for the layer table, which has an Op column: PyTorch ends each name with the op
     * ("layer1.0/bn1/BatchNormalization"), so that tail is dropped there. A numbered tail such as
     * "Constant_1" stays: it is what tells two nodes of one module apart.
     */
    static String tableName(String name, String op) {
        String s = shortName(name, Integer.MAX_VALUE);
        return s.endsWith("/" + op) ? s.substring(0, s.length() - op.length() - 1) : s;
    }

    static String shape(long[] dims) {
        return dims == null ? "?" : Shape.of(dims).toString();
    }

    /** One line per value: "input  float [batch, 3, 64, 64]". */
    static String values(java.util.List<ValueInfo> values) {
        if (values.isEmpty()) {
            return "none";
        }
        return values.stream()
                .map(v -> v.name() + "  " + v.type().name().toLowerCase(Locale.ROOT) + " "
                        + (v.shape() == null ? "(shape not declared)" : v.shape().toString()))
                .collect(Collectors.joining("\n"));
    }
}
