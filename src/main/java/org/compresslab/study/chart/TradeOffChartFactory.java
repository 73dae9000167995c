package org.compresslab.study.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffPoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Builds the trade-off chart from measured runs: accuracy (with its 95% interval as an error bar) against
 * a cost, one colour per technique family, bubble area proportional to the file size, runs off the Pareto
 * front faded, the front drawn as a dashed line and each compressed run joined to the run it started from
 * (a pipeline's path). Plain JFreeChart: the view wraps it in a ChartViewer.
 */
public final class TradeOffChartFactory {
    static final String BASELINE = "baseline";
    static final String FRONT = "Pareto front";
    private static final Map<TechniqueFamily, Color> COLOURS = new EnumMap<>(Map.of(
            TechniqueFamily.QUANTIZATION, new Color(0x3A78C2),
            TechniqueFamily.PRUNING, new Color(0xD9822B),
            TechniqueFamily.LOW_RANK, new Color(0x2E9E5B),
            TechniqueFamily.DISTILLATION, new Color(0x9B59B6),
            TechniqueFamily.TRAINING, new Color(0x7F8C8D)));
    private static final Color BASELINE_COLOUR = new Color(0x222222);
    private static final double MIN_DIAMETER = 8;
    private static final double MAX_DIAMETER = 30;

    private TradeOffChartFactory() {
    }

    public static JFreeChart create(TradeOff data) {
        YIntervalSeriesCollection points = new YIntervalSeriesCollection();
        Map<String, TradeOffPoint> byKey = new HashMap<>();
        Map<String, Paint> seriesPaint = new HashMap<>();
        List<TradeOffPoint> baselines = data.points().stream().filter(TradeOffPoint::isBaseline).toList();
        if (!baselines.isEmpty()) {
            addSeries(points, baselines, BASELINE, byKey);
            seriesPaint.put(BASELINE, BASELINE_COLOUR);
        }
        for (TechniqueFamily f : TechniqueFamily.values()) {
            List<TradeOffPoint> ps = data.points().stream().filter(p -> p.family() == f).toList();
            if (!ps.isEmpty()) {
                addSeries(points, ps, f.id(), byKey);
                seriesPaint.put(f.id(), COLOURS.get(f));
            }
        }
        long maxSize = data.points().stream().mapToLong(TradeOffPoint::sizeBytes).max().orElse(1);
        XYErrorRenderer pointRenderer = new BubbleRenderer(points, byKey, data, maxSize);
        pointRenderer.setDrawXError(false);
        for (int s = 0; s < points.getSeriesCount(); s++) {
            pointRenderer.setSeriesPaint(s, seriesPaint.get((String) points.getSeriesKey(s)));
            pointRenderer.setSeriesLinesVisible(s, false);
            pointRenderer.setLegendShape(s, new Ellipse2D.Double(-5, -5, 10, 10)); // the points are circles
        }
        pointRenderer.setDefaultToolTipGenerator((d, s, i) -> {
            TradeOffPoint p = byKey.get(key(s, i, d));
            return p == null ? null : String.format(java.util.Locale.ROOT, "%s: top-1 %.2f%% (%.2f–%.2f), %s %.4g, %,d B",
                    p.name(), 100 * p.accuracy(), 100 * p.accuracyLo(), 100 * p.accuracyHi(),
                    data.axis().label(), p.cost(), p.sizeBytes());
        });

        // costs start at zero, so ratios read off the chart; one run alone still gets readable axes
        NumberAxis x = new NumberAxis(data.axis().label());
        x.setAutoRangeIncludesZero(true);
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        NumberAxis y = new NumberAxis("top-1 accuracy");
        y.setAutoRangeIncludesZero(false);
        y.setAutoRangeMinimumSize(0.02);
        java.text.NumberFormat percent = java.text.NumberFormat.getPercentInstance(java.util.Locale.ROOT);
        percent.setMinimumFractionDigits(1);
        y.setNumberFormatOverride(percent);
        XYPlot plot = new XYPlot(points, x, y, pointRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setNoDataMessage("No evaluated run yet");

        XYSeriesCollection front = new XYSeriesCollection();
        XYSeries frontLine = new XYSeries(FRONT, false);
        data.front().forEach(p -> frontLine.add(p.cost(), p.accuracy()));
        front.addSeries(frontLine);
        XYLineAndShapeRenderer frontRenderer = new XYLineAndShapeRenderer(true, false);
        frontRenderer.setSeriesPaint(0, new Color(0x888888));
        frontRenderer.setSeriesStroke(0, new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {5f, 4f}, 0f));
        plot.setDataset(1, front);
        plot.setRenderer(1, frontRenderer);

        XYSeriesCollection paths = pipelinePaths(data);
        XYLineAndShapeRenderer pathRenderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < paths.getSeriesCount(); s++) {
            pathRenderer.setSeriesPaint(s, new Color(0xB0B0B0));
            pathRenderer.setSeriesStroke(s, new BasicStroke(1f));
            pathRenderer.setSeriesVisibleInLegend(s, false);
        }
        plot.setDataset(2, paths);
        plot.setRenderer(2, pathRenderer);

        // an empty chart shows its no-data message, without a legend of series that have no points
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot,
                !data.points().isEmpty());
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            // room between one item's label and the next item's symbol ("quantization – – Pareto front" ran together)
            legend.setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 14));
        }
        return chart;
    }

    private static void addSeries(YIntervalSeriesCollection c, List<TradeOffPoint> ps, String name,
                                  Map<String, TradeOffPoint> byKey) {
        YIntervalSeries s = new YIntervalSeries(name, false, true);
        for (TradeOffPoint p : ps) {
            s.add(p.cost(), p.accuracy(), p.accuracyLo(), p.accuracyHi());
            byKey.put(name + "#" + (s.getItemCount() - 1), p);
        }
        c.addSeries(s);
    }

    private static String key(int series, int item, org.jfree.data.xy.XYDataset d) {
        return d.getSeriesKey(series) + "#" + item;
    }

    /** One two-point segment per run that started from another plotted run. */
    static XYSeriesCollection pipelinePaths(TradeOff data) {
        XYSeriesCollection c = new XYSeriesCollection();
        Map<String, TradeOffPoint> byId = new HashMap<>();
        data.points().forEach(p -> byId.put(p.runId(), p));
        for (TradeOffPoint p : data.points()) {
            TradeOffPoint parent = p.parentRunId() == null ? null : byId.get(p.parentRunId());
            if (parent != null) {
                XYSeries s = new XYSeries("path " + p.runId(), false);
                s.add(parent.cost(), parent.accuracy());
                s.add(p.cost(), p.accuracy());
                c.addSeries(s);
            }
        }
        return c;
    }

    /** Circles whose area follows the file size; runs off the front drawn faded. */
    private static final class BubbleRenderer extends XYErrorRenderer {
        private final transient YIntervalSeriesCollection data;
        private final transient Map<String, TradeOffPoint> byKey;
        /** Front membership, looked up for every item at every repaint: computed once. */
        private final transient java.util.Set<String> frontIds;
        private final long maxSize;

        BubbleRenderer(YIntervalSeriesCollection data, Map<String, TradeOffPoint> byKey, TradeOff tradeOff, long maxSize) {
            this.data = data;
            this.byKey = byKey;
            this.frontIds = tradeOff.front().stream().map(TradeOffPoint::runId)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            this.maxSize = Math.max(1, maxSize);
        }

        @Override
        public Shape getItemShape(int series, int item) {
            TradeOffPoint p = byKey.get(key(series, item, data));
            double frac = p == null ? 0.5 : Math.sqrt((double) p.sizeBytes() / maxSize);
            double d = MIN_DIAMETER + (MAX_DIAMETER - MIN_DIAMETER) * frac;
            return new Ellipse2D.Double(-d / 2, -d / 2, d, d);
        }

        @Override
        public Paint getItemPaint(int series, int item) {
            Paint base = super.getItemPaint(series, item);
            TradeOffPoint p = byKey.get(key(series, item, data));
            if (p != null && !frontIds.contains(p.runId()) && base instanceof Color c) {
                return new Color(c.getRed(), c.getGreen(), c.getBlue(), 90);
            }
            return base;
        }
    }
}
