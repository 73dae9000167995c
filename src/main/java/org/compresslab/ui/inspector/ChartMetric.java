package org.compresslab.ui.inspector;

/** What the inspector's bar chart plots per layer. */
public enum ChartMetric {
    MACS("MACs"),
    PARAMS("Parameters");

    private final String title;

    ChartMetric(String title) {
        this.title = title;
    }

    /** The word users see on the toggle and the chart's axis. */
    public String title() {
        return title;
    }

    /** The layer's value for this metric; -1 means unknown (only MACs can be). */
    long of(LayerRow row) {
        return this == MACS ? row.macs() : row.params();
    }
}
