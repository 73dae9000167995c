package org.compresslab.compress;

import java.util.List;
import org.compresslab.compress.distill.KnowledgeDistillation;
import org.compresslab.compress.lowrank.LowRankSensitivity;
import org.compresslab.compress.lowrank.TruncatedSvd;
import org.compresslab.compress.lowrank.TuckerDecomposition;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.prune.MagnitudePruner;
import org.compresslab.compress.prune.PruningSensitivity;
import org.compresslab.compress.quantize.DynamicInt8Quantizer;
import org.compresslab.compress.quantize.Fp16Converter;
import org.compresslab.compress.quantize.MixedPrecisionQuantizer;
import org.compresslab.compress.quantize.QuantizationAwareTraining;
import org.compresslab.compress.quantize.QuantizationSensitivity;
import org.compresslab.compress.quantize.StaticInt8Quantizer;

/** The list of shipped techniques: the one place a new technique is registered. */
final class StandardTechniques {
    private StandardTechniques() {
    }

    static List<Technique> all() {
        return List.of(new Fp16Converter(), new DynamicInt8Quantizer(), new StaticInt8Quantizer(),
                new QuantizationSensitivity(), new MixedPrecisionQuantizer(), new QuantizationAwareTraining(),
                new MagnitudePruner(), new ChannelPruner(), new PruningSensitivity(),
                new TruncatedSvd(), new TuckerDecomposition(), new LowRankSensitivity(), new FineTuning(),
                new KnowledgeDistillation());
    }
}
