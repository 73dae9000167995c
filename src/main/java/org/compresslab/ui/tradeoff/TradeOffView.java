package org.compresslab.ui.tradeoff;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.chart.TradeOffChartFactory;
import org.jfree.chart.fx.ChartViewer;

/** The trade-off chart page: an axis chooser above the chart; the chart is rebuilt when the data changes. */
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
        ChartViewer viewer = new ChartViewer(TradeOffChartFactory.create(vm.tradeOffProperty().get()));
        viewer.setId("tradeOffChart");
        vm.tradeOffProperty().addListener((o, was, now) -> {
            viewer.setChart(TradeOffChartFactory.create(now));
            summary.setText(vm.summary());
        });
        HBox bar = new HBox(10, new Label("Accuracy against"), axis, summary);
        bar.setPadding(new Insets(8));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BorderPane root = new BorderPane(viewer);
        root.setTop(bar);
        return root;
    }
}
