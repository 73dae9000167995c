package org.compresslab.study.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.graph.Graph;
import org.compresslab.study.AtlasFamily;
import org.compresslab.study.FamilyScan;
import org.compresslab.study.LayerAtlas;
import org.compresslab.study.LayerMeasurement;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class SensitivityCurveChartFactoryTest {

    private static LayerMeasurement curve(double[] drops, List<String> shared) {
        double[] xs = {0.1, 0.5, 0.9};
        List<LayerMeasurement.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            points.add(new LayerMeasurement.Point(xs[i], drops[i], 1 - drops[i], "", Double.NaN));
        }
        return LayerMeasurement.of(java.util.Arrays.stream(drops).average().orElseThrow(), Map.of(), points, shared);
    }

    private static LayerAtlas atlas() {
        Map<String, LayerMeasurement> layers = new LinkedHashMap<>();
        layers.put("a", curve(new double[] {0.0, 0.02, 0.30}, List.of()));
        layers.put("b", curve(new double[] {0.0, 0.10, 0.50}, List.of("c")));
        layers.put("c", curve(new double[] {0.0, 0.10, 0.50}, List.of("b")));
        AtlasFamily f = AtlasFamily.of("pruning", TechniqueFamily.PRUNING, "prune.sensitivity", "Pruning", "mean drop",
                "channels removed", List.of(0.1, 0.5, 0.9), 100, 0.9, List.of());
        return LayerAtlas.merge("m", new Graph(), List.of(new FamilyScan(f, layers)), List.of());
    }

    @Test
    void theSelectedLayersCurveIsDrawnInPointsAgainstTheMeanOfAllLayers() {
        JFreeChart chart = SensitivityCurveChartFactory.create(atlas(), "pruning", "a");

        XYDataset d = chart.getXYPlot().getDataset();
        assertThat(d.getSeriesCount()).isEqualTo(2);
        assertThat(d.getSeriesKey(0)).isEqualTo("a");
        assertThat(d.getSeriesKey(1)).isEqualTo(SensitivityCurveChartFactory.MEAN);
        assertThat(d.getXValue(0, 2)).isEqualTo(90.0);
        assertThat(d.getYValue(0, 2)).isEqualTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        // (30 + 50 + 50) / 3 layers
        assertThat(d.getYValue(1, 2)).isEqualTo(130.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(chart.getTitle().getText()).isEqualTo("Pruning sensitivity of a");
        assertThat(chart.getXYPlot().getDomainAxis().getLabel()).isEqualTo("channels removed (%)");
        BufferedImage img = chart.createBufferedImage(640, 300);
        assertThat(img.getWidth()).isEqualTo(640);
    }

    @Test
    void aSharedCurveSaysWhichLayersItBelongsToAndNoSelectionShowsTheMeanAlone() {
        JFreeChart shared = SensitivityCurveChartFactory.create(atlas(), "pruning", "b");
        assertThat(((TextTitle) shared.getSubtitle(1)).getText()).isEqualTo("measured together with c");

        JFreeChart none = SensitivityCurveChartFactory.create(atlas(), "pruning", null);
        assertThat(none.getXYPlot().getDataset().getSeriesCount()).isEqualTo(1);
        assertThat(((TextTitle) none.getSubtitle(1)).getText()).startsWith("Select a layer");

        JFreeChart empty = SensitivityCurveChartFactory.create(null, null, null);
        assertThat(empty.getXYPlot().getDataset().getSeriesCount()).isZero();
        assertThat(empty.getXYPlot().getNoDataMessage()).isEqualTo("No sensitivity curve measured yet");
    }
}
