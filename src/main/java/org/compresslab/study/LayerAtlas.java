package org.compresslab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;

/**
 * Every layer's sensitivity to each compression family in one table: one row per layer in graph order,
 * one measurement per family that covered it, and a heat value per measurement scaled across the layers
 * so the sensitive ones stand out. Families are data, not columns written into code: a new analysis
 * (low-rank) joins by contributing a {@link FamilyScan}.
 *
 * @param model    the analysed model's name, as shown to the user
 * @param warnings what went wrong or deserves a note (e.g. an analysis that could not run on this model)
 */
public record LayerAtlas(String model, List<AtlasFamily> families, List<AtlasRow> rows, List<String> warnings) {
    /**
     * Heat 1 is the largest drop, but never less than one point: when every layer costs less than that,
     * differences within the measurement's noise are not painted as alarming.
     */
    public static final double HEAT_FLOOR = 0.01;

    public LayerAtlas {
        families = List.copyOf(families);
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /**
     * Merges the analyses' per-layer measurements into rows keyed by layer name. Rows follow the graph's
     * node order; a layer an analysis names that the graph does not have by that name comes last.
     */
    public static LayerAtlas merge(String model, Graph graph, List<FamilyScan> scans, List<String> warnings) {
        List<AtlasFamily> families = new ArrayList<>();
        Map<String, Map<String, LayerMeasurement>> byLayer = new LinkedHashMap<>();
        for (FamilyScan scan : scans) {
            double scoreScale = Math.max(HEAT_FLOOR, scan.layers().values().stream()
                    .mapToDouble(LayerMeasurement::score).max().orElse(0));
            double curveScale = Math.max(HEAT_FLOOR, scan.layers().values().stream()
                    .flatMap(m -> m.curve().stream()).mapToDouble(LayerMeasurement.Point::accuracyDrop).max().orElse(0));
            String id = scan.family().id();
            families.add(scan.family().withHeatScales(scoreScale, curveScale));
            scan.layers().forEach((layer, m) -> byLayer.computeIfAbsent(layer, k -> new LinkedHashMap<>())
                    .put(id, m.withHeat(scoreScale, curveScale)));
        }
        List<AtlasRow> rows = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<Node> nodes = graph.nodes();
        List<LayerStatistics> stats = ModelStatistics.of(graph).layers();
        for (int i = 0; i < nodes.size(); i++) {
            String name = nodes.get(i).name();
            Map<String, LayerMeasurement> m = byLayer.get(name);
            if (m != null && placed.add(name)) {
                rows.add(new AtlasRow(name, nodes.get(i).opType(), stats.get(i).params(), m));
            }
        }
        byLayer.forEach((name, m) -> {
            if (!placed.contains(name)) {
                rows.add(new AtlasRow(name, "?", -1, m));
            }
        });
        return new LayerAtlas(model, families, rows, warnings);
    }

    public Optional<AtlasFamily> family(String id) {
        return families.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public Optional<AtlasRow> row(String layer) {
        return rows.stream().filter(r -> r.layer().equals(layer)).findFirst();
    }

    /** The families whose analyses scanned several strengths, in the order they were added. */
    public List<AtlasFamily> curveFamilies() {
        return families.stream().filter(AtlasFamily::hasCurve).toList();
    }

    /**
     * The mean curve of a family over every layer it measured (layers that share a measurement each
     * count once, as layers): the yardstick a single layer's curve is read against. Empty when the family
     * has no curve or is not in the atlas.
     */
    public List<LayerMeasurement.Point> meanCurve(String familyId) {
        Optional<AtlasFamily> family = family(familyId);
        if (family.isEmpty() || !family.get().hasCurve()) {
            return List.of();
        }
        List<Double> xs = family.get().curveXs();
        double[] drop = new double[xs.size()];
        double[] agreement = new double[xs.size()];
        int[] n = new int[xs.size()];
        for (AtlasRow r : rows) {
            r.measurement(familyId).ifPresent(m -> {
                for (LayerMeasurement.Point p : m.curve()) {
                    int i = xs.indexOf(p.x());
                    if (i >= 0) {
                        drop[i] += p.accuracyDrop();
                        agreement[i] += p.agreement();
                        n[i]++;
                    }
                }
            });
        }
        List<LayerMeasurement.Point> out = new ArrayList<>();
        double scale = family.get().curveHeatScale();
        for (int i = 0; i < xs.size(); i++) {
            if (n[i] > 0) {
                double d = drop[i] / n[i];
                out.add(new LayerMeasurement.Point(xs.get(i), d, agreement[i] / n[i], "mean of " + n[i] + " layers",
                        LayerMeasurement.heat(d, scale)));
            }
        }
        return out;
    }
}
