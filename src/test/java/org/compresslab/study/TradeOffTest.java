package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.compresslab.compress.TechniqueFamily;
import org.junit.jupiter.api.Test;

class TradeOffTest {

    private static TradeOffPoint point(String id, double accuracy, double cost) {
        return new TradeOffPoint(id, id, "quantize.static-int8", TechniqueFamily.QUANTIZATION, accuracy, accuracy - 0.01,
                accuracy + 0.01, cost, 1000, null);
    }

    @Test
    void theFrontHoldsTheRunsNothingBeatsOnBothAccuracyAndCostInOrderOfCost() {
        TradeOffPoint baseline = point("baseline", 0.93, 0.44);
        TradeOffPoint int8 = point("int8", 0.929, 0.20);
        TradeOffPoint fp16 = point("fp16", 0.93, 0.45); // as accurate as the baseline, slower: dominated
        TradeOffPoint pruned = point("pruned", 0.92, 0.19);
        TradeOffPoint bad = point("bad", 0.80, 0.30); // slower and worse than int8

        List<TradeOffPoint> front = TradeOff.paretoFront(List.of(baseline, int8, fp16, pruned, bad));

        assertThat(front).extracting(TradeOffPoint::runId).containsExactly("pruned", "int8", "baseline");
    }

    @Test
    void equalPointsDoNotDominateEachOther() {
        TradeOffPoint a = point("a", 0.9, 1);
        TradeOffPoint b = point("b", 0.9, 1);

        assertThat(TradeOff.paretoFront(List.of(a, b))).hasSize(2);
        assertThat(a.dominates(b)).isFalse();
    }

    @Test
    void onRandomCloudsNoFrontPointIsDominatedAndEveryOtherPointIs() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<TradeOffPoint> cloud = new ArrayList<>();
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                // coarse values so ties happen
                cloud.add(point("p" + i, r.nextInt(20) / 20.0, r.nextInt(20)));
            }
            List<TradeOffPoint> front = TradeOff.paretoFront(cloud);
            assertThat(front).isNotEmpty();
            for (TradeOffPoint p : cloud) {
                boolean dominated = cloud.stream().anyMatch(q -> q.dominates(p));
                assertThat(front.contains(p)).isEqualTo(!dominated);
            }
            for (int i = 1; i < front.size(); i++) {
                assertThat(front.get(i).cost()).isGreaterThanOrEqualTo(front.get(i - 1).cost());
            }
        }
    }
}
