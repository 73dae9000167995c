package org.compresslab.study.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.TradeOffPoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class TradeOffChartFactoryTest {
    private static TradeOffPoint point(String id, TechniqueFamily f, double acc, double cost, long size, String parent) {
        return new TradeOffPoint(id, id, f == null ? "evaluate" : "x", f, acc, acc - 0.005, acc + 0.005, cost, size, parent);
    }

    private static TradeOff sample() {
        // the ResNet-20 figures this session measured: float, static int8, channel-pruned + fine-tuned, fp16
        List<TradeOffPoint> ps = List.of(
                point("base", null, 0.9324, 0.372, 1_109_062, null),
                point("int8", TechniqueFamily.QUANTIZATION, 0.9314, 0.196, 312_666, "base"),
                point("pruned", TechniqueFamily.PRUNING, 0.9244, 0.205, 312_285, "base"),
                point("fp16", TechniqueFamily.QUANTIZATION, 0.9323, 0.41, 561_617, "base"));
        return new TradeOff(TradeOffAxis.LATENCY_P50, ps, TradeOff.paretoFront(ps));
    }

    @Test
    void baselineAndEachFamilyAreSeriesTheFrontIsALineAndEachRunIsJoinedToItsParent() {
        JFreeChart chart = TradeOffChartFactory.create(sample());

        XYPlot plot = chart.getXYPlot();
        XYDataset points = plot.getDataset(0);
        assertThat(points.getSeriesCount()).isEqualTo(3);
        assertThat(points.getSeriesKey(0)).isEqualTo("baseline");
        assertThat(points.getSeriesKey(1)).isEqualTo("quantization");
        assertThat(points.getSeriesKey(2)).isEqualTo("pruning");
        assertThat(plot.getDataset(1).getItemCount(0)).isEqualTo(2); // int8 and the baseline are the front
        assertThat(plot.getDataset(2).getSeriesCount()).isEqualTo(3); // three runs started from the baseline
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("latency p50 (ms)");
    }

    @Test
    void bubblesGrowWithFileSizeAndRunsOffTheFrontAreFaded() {
        JFreeChart chart = TradeOffChartFactory.create(sample());
        XYItemRenderer r = chart.getXYPlot().getRenderer(0);

        double baseline = r.getItemShape(0, 0).getBounds2D().getWidth();
        double int8 = r.getItemShape(1, 0).getBounds2D().getWidth();
        assertThat(baseline).isGreaterThan(int8);
        assertThat(((Color) r.getItemPaint(1, 0)).getAlpha()).isEqualTo(255); // int8: on the front
        assertThat(((Color) r.getItemPaint(1, 1)).getAlpha()).isLessThan(255); // fp16: slower and less accurate
    }

    @Test
    void theChartDrawsIntoAnImage() {
        BufferedImage img = TradeOffChartFactory.create(sample()).createBufferedImage(640, 420);

        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertThat(nonWhite).isGreaterThan(500);
    }

    @Test
    void anEmptyChartHasNoLegendAndSaysThereIsNothingYet() {
        JFreeChart chart = TradeOffChartFactory.create(new TradeOff(TradeOffAxis.SIZE_BYTES, List.of(), List.of()));

        assertThat(chart.getLegend()).isNull();
        assertThat(chart.getXYPlot().getDataset(0).getSeriesCount()).isZero();
        assertThat(chart.getXYPlot().getNoDataMessage()).isEqualTo("No evaluated run yet");
    }
}
