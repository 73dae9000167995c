package org.compresslab.ui.tradeoff;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.study.Run;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffAxis;

/**
 * The trade-off chart's state: the project's runs as points against the chosen cost axis, with the
 * Pareto front. Recomputed whenever the runs or the axis change; FX thread only.
 */
public final class TradeOffViewModel {
    private final ObservableList<Run> runs;
    private final ObjectProperty<TradeOffAxis> axis = new SimpleObjectProperty<>(TradeOffAxis.LATENCY_P50);
    private final ReadOnlyObjectWrapper<TradeOff> tradeOff = new ReadOnlyObjectWrapper<>();

    public TradeOffViewModel(ObservableList<Run> runs) {
        this.runs = runs;
        runs.addListener((ListChangeListener<Run>) c -> update());
        axis.addListener((o, was, now) -> update());
        update();
    }

    private void update() {
        tradeOff.set(TradeOff.of(java.util.List.copyOf(runs), axis.get() == null ? TradeOffAxis.LATENCY_P50 : axis.get()));
    }

    /** Input: what x shows. */
    public ObjectProperty<TradeOffAxis> axisProperty() {
        return axis;
    }

    /** Output: the points and the front for the chart. */
    public ReadOnlyObjectProperty<TradeOff> tradeOffProperty() {
        return tradeOff.getReadOnlyProperty();
    }

    /** A line for above the chart: how many runs are plotted and how many lie on the front. */
    public String summary() {
        TradeOff t = tradeOff.get();
        return t.points().size() + " evaluated run(s) plotted, " + t.front().size() + " on the Pareto front";
    }
}
