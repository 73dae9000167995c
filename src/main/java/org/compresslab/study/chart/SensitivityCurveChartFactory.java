package org.compresslab.study.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.compresslab.study.AtlasFamily;
import org.compresslab.study.LayerAtlas;
import org.compresslab.study.LayerMeasurement;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A family's sensitivity curve for one layer of the atlas, drawn against the mean curve of all layers:
 * top-1 drop in points (up = worse) against the strength in percent. Plain JFreeChart, so the report
 * can draw it too.
 */
public final class SensitivityCurveChartFactory {
    static final String MEAN = "mean of all layers";
    private static final Color LAYER_COLOUR = new Color(0xB2182B);
    private static final Color MEAN_COLOUR = new Color(0x777777);

    private SensitivityCurveChartFactory() {
    }

    /**
     * @param familyId a family of the atlas with a curve
     * @param layer    the selected layer, or null for the mean alone
     */
    public static JFreeChart create(LayerAtlas atlas, String familyId, String layer) {
        Optional<AtlasFamily> family = atlas == null ? Optional.empty() : atlas.family(familyId);
        XYSeriesCollection data = new XYSeriesCollection();
        String note;
        if (family.isEmpty() || !family.get().hasCurve()) {
            note = "No sensitivity curve measured yet";
        } else {
            Optional<LayerMeasurement> m = layer == null ? Optional.empty()
                    : atlas.row(layer).flatMap(r -> r.measurement(familyId));
            if (m.isPresent()) {
                data.addSeries(series(layer, m.get().curve()));
                note = m.get().sharedWith().isEmpty() ? null
                        : "measured together with " + String.join(", ", m.get().sharedWith());
            } else {
                note = layer == null ? "Select a layer to compare its curve with the mean"
                        : layer + ": not scanned by this analysis";
            }
            data.addSeries(series(MEAN, atlas.meanCurve(familyId)));
        }
        NumberAxis x = new NumberAxis(family.map(f -> f.curveLabel() + " (%)").orElse(""));
        x.setRange(0, 100);
        NumberAxis y = new NumberAxis("top-1 drop (points)");
        y.setAutoRangeIncludesZero(true);
        y.setNumberFormatOverride(new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            boolean mean = MEAN.equals(data.getSeriesKey(s));
            renderer.setSeriesPaint(s, mean ? MEAN_COLOUR : LAYER_COLOUR);
            renderer.setSeriesStroke(s, mean ? new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {5f, 4f}, 0f) : new BasicStroke(2.2f));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        renderer.setDefaultToolTipGenerator((d, s, i) -> String.format(Locale.ROOT, "%s: %.0f%% → %.2f points",
                d.getSeriesKey(s), d.getXValue(s, i), d.getYValue(s, i)));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setNoDataMessage(note == null ? "" : note);
        String title = family.map(f -> f.title() + " sensitivity" + (layer == null ? "" : " of " + layer)).orElse(null);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot,
                data.getSeriesCount() > 0);
        chart.setBackgroundPaint(Color.WHITE);
        if (note != null && data.getSeriesCount() > 0) {
            TextTitle sub = new TextTitle(note, new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            chart.addSubtitle(sub);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    private static XYSeries series(String key, List<LayerMeasurement.Point> curve) {
        XYSeries s = new XYSeries(key, false, true);
        curve.forEach(p -> s.add(100 * p.x(), 100 * p.accuracyDrop()));
        return s;
    }
}
