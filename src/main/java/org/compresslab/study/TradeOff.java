package org.compresslab.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueRegistry;

/**
 * The trade-off chart's data: a point per evaluated run of a project (accuracy against the chosen cost)
 * and the Pareto front — the runs no other run beats on both accuracy and cost. Runs without a result
 * or without a value on the axis are left out, not guessed.
 */
public record TradeOff(TradeOffAxis axis, List<TradeOffPoint> points, List<TradeOffPoint> front) {

    public static TradeOff of(Project project, TradeOffAxis axis) {
        return of(project.runs(), axis);
    }

    public static TradeOff of(List<Run> runs, TradeOffAxis axis) {
        TechniqueRegistry registry = TechniqueRegistry.standard();
        List<TradeOffPoint> points = new ArrayList<>();
        for (Run r : runs) {
            if (r.result() == null || !Run.FINISHED.equals(r.status())) {
                continue;
            }
            double cost = axis.of(r.result());
            if (!Double.isFinite(cost)) {
                continue;
            }
            var acc = r.result().accuracy();
            points.add(new TradeOffPoint(r.id(), r.name(), r.kind(), family(registry, r.kind()), acc.top1(),
                    acc.top1Ci95().lo(), acc.top1Ci95().hi(), cost, r.result().size().bytes(), r.parentRunId()));
        }
        return new TradeOff(axis, List.copyOf(points), paretoFront(points));
    }

    /** The non-dominated points, by increasing cost (the order the front's line is drawn in). */
    public static List<TradeOffPoint> paretoFront(List<TradeOffPoint> points) {
        return points.stream().filter(p -> points.stream().noneMatch(q -> q.dominates(p)))
                .sorted(Comparator.comparingDouble(TradeOffPoint::cost).thenComparingDouble(p -> -p.accuracy()))
                .toList();
    }

    private static TechniqueFamily family(TechniqueRegistry registry, String kind) {
        if (Run.KIND_EVALUATE.equals(kind)) {
            return null;
        }
        try {
            return registry.find(kind).descriptor().family();
        } catch (InvalidRecipeException e) {
            return null; // a run kind from another version: drawn like a baseline, not dropped
        }
    }
}
