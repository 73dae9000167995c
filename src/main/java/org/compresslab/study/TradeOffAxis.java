package org.compresslab.study;

import java.util.function.ToDoubleFunction;
import org.compresslab.eval.EvaluationResult;

/** What the trade-off chart puts on x against accuracy: all of them "less is better". */
public enum TradeOffAxis {
    LATENCY_P50("latency p50 (ms)", r -> r.latency().p50()),
    SIZE_BYTES("file size (bytes)", r -> r.size().bytes()),
    MACS("MACs per image", r -> r.macs() < 0 ? Double.NaN : r.macs()),
    PARAMS("parameters", r -> r.size().params());

    private final String label;
    private final ToDoubleFunction<EvaluationResult> value;

    TradeOffAxis(String label, ToDoubleFunction<EvaluationResult> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    /** The run's value on this axis; NaN when it was not measured (e.g. MACs of an unknown op). */
    public double of(EvaluationResult r) {
        return value.applyAsDouble(r);
    }
}
