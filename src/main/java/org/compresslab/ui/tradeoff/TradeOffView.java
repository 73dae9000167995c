package org.compresslab.ui.tradeoff;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.chart.TradeOffChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;

/**
 * The trade-off chart page: an axis chooser and an export button above the chart; the chart is rebuilt
 * when the data changes. Hovering a point shows its run, clicking it hands the run to the view-model.
 */
public final class TradeOffView {
    private TradeOffView() {
    }

    public static Parent load(TradeOffViewModel vm) {
        ComboBox<TradeOffAxis> axis = new ComboBox<>();
        axis.getItems().setAll(TradeOffAxis.values());
        axis.setConverter(new StringConverter<>() {
            @Override
            public String toString(TradeOffAxis a) {
                return a == null ? "" : a.label();
            }

            @Override
            public TradeOffAxis fromString(String s) {
                return null;
            }
        });
        axis.valueProperty().bindBidirectional(vm.axisProperty());
        axis.setId("tradeOffAxis");
        Label summary = new Label(vm.summary());
        summary.setId("tradeOffSummary");
        ChartViewer viewer = new ChartViewer(chart(vm, vm.tradeOffProperty().get()));
        viewer.setId("tradeOffChart");
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getTrigger().getButton() == MouseButton.PRIMARY
                        && event.getEntity() instanceof XYItemEntity item && isPoint(event.getChart(), item)) {
                    vm.pointClicked(item.getDataset().getSeriesKey(item.getSeriesIndex()), item.getItem());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                // hovering is the renderer's tooltip
            }
        });
        vm.tradeOffProperty().addListener((o, was, now) -> {
            viewer.setChart(chart(vm, now));
            summary.setText(vm.summary());
        });
        Button export = new Button("Export chart…");
        export.setId("tradeOffExport");
        export.setDisable(!vm.canExport());
        export.setOnAction(e -> vm.exportChart());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, new Label("Accuracy against"), axis, summary, gap, export);
        bar.setPadding(new Insets(8));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane root = new BorderPane(viewer);
        root.setTop(bar);
        return root;
    }

    /** The factory's chart with the view-model's tooltips on the points (the front and paths have none). */
    private static JFreeChart chart(TradeOffViewModel vm, TradeOff data) {
        JFreeChart chart = TradeOffChartFactory.create(data);
        chart.getXYPlot().getRenderer(0).setDefaultToolTipGenerator(
                (dataset, series, item) -> vm.tooltip(dataset.getSeriesKey(series), item));
        return chart;
    }

    /** Only the points' dataset (0) holds runs; the front and the pipeline paths are lines between them. */
    private static boolean isPoint(JFreeChart chart, XYItemEntity item) {
        XYPlot plot = chart.getXYPlot();
        return item.getDataset() == plot.getDataset(0);
    }
}
