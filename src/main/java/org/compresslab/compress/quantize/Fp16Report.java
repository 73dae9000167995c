package org.compresslab.compress.quantize;

import java.util.List;

/**
 * What the float16 conversion did.
 *
 * @param initializersConverted float32 weights and constants stored as float16
 * @param valuesClamped         weight values beyond float16's range (±65504) that were clamped to it
 * @param castsInserted         Cast nodes added at the graph's inputs and outputs and around float32 parts
 * @param bytesBefore           serialized model size before
 * @param bytesAfter            serialized model size after
 * @param keptFloat             nodes (or node inputs) left in float32, each with the reason
 */
public record Fp16Report(int initializersConverted, long valuesClamped, int castsInserted, long bytesBefore,
                         long bytesAfter, List<String> keptFloat) {
    public Fp16Report {
        keptFloat = List.copyOf(keptFloat);
    }
}
