package org.compresslab.compress.lowrank;

import java.util.List;
import org.compresslab.compress.FineTuning;

/**
 * What a factorization step did: how ranks were chosen, the whole model's parameters and MACs before and
 * after (fine-tuning changes neither), each factorized layer, each layer left alone with the reason,
 * and the fine-tuning that followed (empty when there was none).
 *
 * @param rankRule the rule in words, e.g. "50% of each weight's rank"
 */
public record LowRankReport(String method, String rankRule, double rankRatio, double energy, long paramsBefore,
                            long paramsAfter, long macsBefore, long macsAfter, List<FactorizedLayer> layers,
                            List<SkippedLayer> leftAlone, List<FineTuning.FineTuneReport> fineTuning) {
    public LowRankReport {
        layers = List.copyOf(layers);
        leftAlone = List.copyOf(leftAlone);
        fineTuning = List.copyOf(fineTuning);
    }
}
