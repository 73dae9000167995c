package org.compresslab.compress.quantize;

import java.util.List;

/**
 * What dynamic int8 quantization did.
 *
 * @param quantized     the layers now computed with 8-bit integers
 * @param keptFloat     MatMul, Gemm and Conv layers left in float, each with the reason
 * @param matMuls       MatMul nodes quantized
 * @param gemms         Gemm nodes quantized
 * @param convs         Conv nodes quantized (only with {@code include_conv})
 * @param bytesBefore   serialized model size before
 * @param bytesAfter    serialized model size after
 */
public record DynamicInt8Report(List<Layer> quantized, List<KeptLayer> keptFloat, int matMuls, int gemms,
                                int convs, long bytesBefore, long bytesAfter) {

    public DynamicInt8Report {
        quantized = List.copyOf(quantized);
        keptFloat = List.copyOf(keptFloat);
    }

    /**
     * @param weightScales "per-tensor", "per-column" (MatMul/Gemm) or "per-channel" (Conv)
     * @param parameters   weight elements now stored as 8-bit integers
     */
    public record Layer(String node, String opType, long parameters, String weightScales) {
    }

    public record KeptLayer(String node, String opType, String reason) {
    }
}
