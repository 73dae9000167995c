package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.compresslab.graph.DataType;
import org.junit.jupiter.api.Test;

class SymmetricWeightQuantizerTest {

    @Test
    void perChannelScaleIsEachChannelsLargestMagnitudeOver127() {
        // [2 channels, 3]: channel 0 peaks at -2.54, channel 1 at 0.127
        float[] w = {1f, -2.54f, 0.5f, 0.127f, 0f, -0.063f};
        QuantizedWeight q = SymmetricWeightQuantizer.symmetricInt8(w, new long[] {2, 3}, 0);

        assertThat(q.scales()).containsExactly(new float[] {0.02f, 0.001f}, within(1e-7f));
        assertThat(q.values()).containsExactly(50, -127, 25, 127, 0, -63);
        assertThat(q.axis()).isZero();
    }

    @Test
    void scalesRunAlongTheGivenAxis() {
        // [K=2, N=3] with one scale per column (axis 1), as MatMul weights are quantized
        float[] w = {1f, 1f, -1.5f, -0.25f, 4f, 6f};
        QuantizedWeight q = SymmetricWeightQuantizer.symmetricInt8(w, new long[] {2, 3}, 1);

        assertThat(q.scales()).containsExactly(new float[] {1f / 127, 4f / 127, 6f / 127}, within(1e-7f));
        assertThat(q.values()).containsExactly(127, 32, -32, -32, 127, 127);
    }

    @Test
    void roundTripErrorIsAtMostHalfAStep() {
        Random r = new Random(1);
        float[] w = new float[16 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * (1 + i / 27);
        }
        QuantizedWeight q = SymmetricWeightQuantizer.symmetricInt8(w, new long[] {16, 3, 3, 3}, 0);

        for (int i = 0; i < w.length; i++) {
            float step = q.scales()[i / 27];
            assertThat(Math.abs(q.dequantize(i) - w[i])).isLessThanOrEqualTo(step / 2 + 1e-6f);
            assertThat((int) q.values()[i]).isBetween(-127, 127);
        }
    }

    @Test
    void perTensorUsesOneScaleAndAllZeroWeightsGetScaleOne() {
        QuantizedWeight q = SymmetricWeightQuantizer.symmetricInt8PerTensor(new float[] {0.5f, -1.27f}, new long[] {2});
        QuantizedWeight zeros = SymmetricWeightQuantizer.symmetricInt8(new float[4], new long[] {2, 2}, 0);

        assertThat(q.isPerTensor()).isTrue();
        assertThat(q.scales()).containsExactly(new float[] {0.01f}, within(1e-7f));
        assertThat(q.values()).containsExactly(50, -127);
        assertThat(zeros.scales()).containsExactly(1f, 1f);
        assertThat(zeros.values()).containsOnly(0);
    }

    @Test
    void tensorsForIntegerKernels() {
        QuantizedWeight q = SymmetricWeightQuantizer.symmetricInt8(new float[] {-1f, 1f}, new long[] {2, 1}, 0);

        assertThat(q.int8Tensor("w").type()).isEqualTo(DataType.INT8);
        assertThat(q.uint8TensorOffset128("w").type()).isEqualTo(DataType.UINT8);
        assertThat(q.uint8TensorOffset128("w").toLongs()).containsExactly(1, 255);
        assertThat(q.scaleTensor("s", new long[] {1, 2, 1, 1}, 2f).toFloats())
                .containsExactly(new float[] {2f / 127, 2f / 127}, within(1e-7f));
    }

    @Test
    void rejectsNonFiniteWeights() {
        assertThatThrownBy(() -> SymmetricWeightQuantizer.symmetricInt8(new float[] {1f, Float.NaN},
                new long[] {2}, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
