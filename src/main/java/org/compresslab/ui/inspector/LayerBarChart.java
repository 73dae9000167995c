package org.compresslab.ui.inspector;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The horizontal bar chart of the largest layers, in a JFreeChart {@link ChartViewer}. Data arrives
 * as plain {@link ChartBar}s and is swapped in one batch: listeners are muted while the dataset is
 * refilled, then one change event redraws the canvas (DESIGN convention 7). Call only on the FX thread.
 */
final class LayerBarChart {
    /** Long node names would squeeze the bars; the axis shows a short form, the tooltip the full name. */
    private static final int MAX_LABEL = 32;
    private static final String SERIES = "value";

    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    private final CategoryPlot plot;
    private final NumberAxis valueAxis;
    private final ChartViewer viewer;

    LayerBarChart() {
        CategoryAxis layerAxis = new CategoryAxis();
        layerAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        layerAxis.setMaximumCategoryLabelWidthRatio(0.45f);
        layerAxis.setCategoryMargin(0.15);
        layerAxis.setLowerMargin(0.01);
        layerAxis.setUpperMargin(0.01);
        valueAxis = new NumberAxis();
        valueAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // counts: no fractional ticks
        valueAxis.setNumberFormatOverride(new CompactNumberFormat());
        valueAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        valueAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x3A78C2));
        renderer.setMaximumBarWidth(0.08);
        renderer.setDefaultToolTipGenerator((data, row, column) -> {
            BarKey key = (BarKey) data.getColumnKey(column);
            Number v = data.getValue(row, column);
            return key.fullLabel() + ": " + InspectorFormat.count(v.longValue());
        });

        plot = new CategoryPlot(dataset, layerAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xD0D0D0));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setNoDataMessage("No layer has a known value for this metric");
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        // room on the right for the last tick label, which is centred on the end of the axis
        chart.setPadding(new RectangleInsets(4, 4, 4, 18));
        viewer = new ChartViewer(chart);
    }

    ChartViewer node() {
        return viewer;
    }

    /** Replaces every bar at once; {@code axisLabel} names the metric ("MACs" / "Parameters"). */
    void show(List<ChartBar> bars, String axisLabel) {
        dataset.setNotify(false);
        dataset.clear();
        int rank = 0;
        for (ChartBar bar : bars) {
            dataset.addValue(bar.value(), SERIES, new BarKey(rank++, bar.label()));
        }
        valueAxis.setLabel(axisLabel);
        valueAxis.setVisible(!bars.isEmpty()); // an axis without bars only shows a meaningless 0..1
        dataset.setNotify(true); // the one change event: the canvas redraws once
    }

    /** For tests and screenshots: the bars currently drawn, in order. */
    List<String> labels() {
        return dataset.getColumnKeys().stream().map(k -> ((BarKey) k).fullLabel()).toList();
    }

    /**
     * A category key: the rank keeps keys unique (two layers may share a name, and a dataset merges
     * equal keys) and fixes the order; toString is what the axis draws, so it is the clipped name.
     */
    private record BarKey(int rank, String fullLabel) implements Comparable<BarKey> {
        @Override
        public int compareTo(BarKey o) {
            return Integer.compare(rank, o.rank);
        }

        @Override
        public String toString() {
            return InspectorFormat.shortName(fullLabel, MAX_LABEL);
        }
    }

    /** Axis ticks as "2.4 M" rather than "2,359,296": the exact count is in the table and the tooltip. */
    private static final class CompactNumberFormat extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(InspectorFormat.compact(number).replace(".0 ", " "));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null; // axis labels are never parsed back
        }
    }
}
