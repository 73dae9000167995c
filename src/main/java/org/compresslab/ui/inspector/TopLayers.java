package org.compresslab.ui.inspector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the bars of the chart: the N largest layers by a metric, the rest summed into one
 * "other (K layers)" bar so the bars always add up to the model's total. Layers whose value is zero
 * (activations, pooling) are left out: a bar of nothing only pushes real layers off the chart.
 * Layers with unknown MACs are left out too, and counted, so the view can say so.
 */
final class TopLayers {
    static final int DEFAULT_LIMIT = 20;

    private TopLayers() {
    }

    record Result(List<ChartBar> bars, int unknownLayers) {
    }

    static Result of(List<LayerRow> rows, ChartMetric metric, int limit) {
        List<LayerRow> positive = new ArrayList<>();
        int unknown = 0;
        for (LayerRow r : rows) {
            long v = metric.of(r);
            if (v < 0) {
                unknown++;
            } else if (v > 0) {
                positive.add(r);
            }
        }
        // largest first; ties keep graph order so the chart is stable between runs
        positive.sort(Comparator.comparingLong((LayerRow r) -> metric.of(r)).reversed().thenComparingInt(LayerRow::index));
        List<ChartBar> bars = new ArrayList<>();
        long otherSum = 0;
        int otherCount = 0;
        for (int i = 0; i < positive.size(); i++) {
            LayerRow r = positive.get(i);
            if (i < limit) {
                bars.add(new ChartBar(r.name(), metric.of(r)));
            } else {
                otherSum += metric.of(r);
                otherCount++;
            }
        }
        if (otherCount > 0) {
            bars.add(new ChartBar("other (" + otherCount + (otherCount == 1 ? " layer)" : " layers)"), otherSum));
        }
        return new Result(List.copyOf(bars), unknown);
    }
}
