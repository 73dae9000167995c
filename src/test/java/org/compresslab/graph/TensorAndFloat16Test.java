package org.compresslab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Element conversions of {@link Tensor} and IEEE half-precision conversion in {@link Float16}. */
class TensorAndFloat16Test {

    private static short h(int bits) {
        return (short) bits;
    }

    // ---- Tensor ------------------------------------------------------------------------------

    @Test
    void floatTensorStoresLittleEndianBytes() {
        Tensor t = Tensor.ofFloats("f", new long[] {2}, new float[] {1.0f, -2.5f});
        // 1.0f = 0x3F800000, −2.5f = 0xC0200000, little-endian
        assertThat(t.rawData()).containsExactly(0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0);
        assertThat(t.toFloats()).containsExactly(1.0f, -2.5f);
        assertThat(t.toLongs()).containsExactly(1, -2);
        assertThat(t.elementCount()).isEqualTo(2);
    }

    @Test
    void float16TensorConvertsThroughHalfBits() {
        Tensor t = Tensor.ofFloat16("h", new long[] {3}, new float[] {1.0f, -2.0f, 0.1f});
        // 1.0 = 0x3C00, −2.0 = 0xC000; 0.1 rounds to 0x2E66 = 0.0999755859375
        assertThat(t.rawData()).containsExactly(0x00, 0x3C, 0x00, (byte) 0xC0, 0x66, 0x2E);
        assertThat(t.toFloats()).containsExactly(1.0f, -2.0f, 0.0999755859375f);
        assertThat(t.type().byteSize()).isEqualTo(2);
    }

    @Test
    void int8AndUint8ReadTheSameByteDifferently() {
        byte[] bytes = {(byte) 0xFF, 0x7F, (byte) 0x80, 0};
        Tensor s = Tensor.ofBytes("s", DataType.INT8, new long[] {4}, bytes);
        Tensor u = Tensor.ofBytes("u", DataType.UINT8, new long[] {4}, bytes);
        assertThat(s.toLongs()).containsExactly(-1, 127, -128, 0);
        assertThat(u.toLongs()).containsExactly(255, 127, 128, 0);
        assertThat(s.toFloats()).containsExactly(-1f, 127f, -128f, 0f);
        assertThat(u.toFloats()).containsExactly(255f, 127f, 128f, 0f);
    }

    @Test
    void ofBytesCopiesAndRejectsWideTypes() {
        byte[] bytes = {1, 2};
        Tensor t = Tensor.ofBytes("b", DataType.UINT8, new long[] {2}, bytes);
        bytes[0] = 9;
        assertThat(t.toLongs()).containsExactly(1, 2);
        assertThatThrownBy(() -> Tensor.ofBytes("x", DataType.INT32, new long[] {2}, bytes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a one-byte type");
    }

    @Test
    void int32AndInt64RoundTripExtremes() {
        Tensor i = Tensor.ofInts("i", new long[] {3}, new int[] {Integer.MIN_VALUE, -1, Integer.MAX_VALUE});
        assertThat(i.toLongs()).containsExactly(Integer.MIN_VALUE, -1, Integer.MAX_VALUE);
        assertThat(i.rawData()).hasSize(12);
        Tensor l = Tensor.ofLongs("l", new long[] {3}, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE});
        assertThat(l.toLongs()).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
        assertThat(l.rawData()).hasSize(24);
        assertThat(l.toFloats()).containsExactly((float) Long.MIN_VALUE, 0f, (float) Long.MAX_VALUE);
    }

    @Test
    void boolTensorReadsAsZeroAndOne() {
        Tensor b = Tensor.ofBytes("b", DataType.BOOL, new long[] {2, 2}, new byte[] {1, 0, 0, 1});
        assertThat(b.toLongs()).containsExactly(1, 0, 0, 1);
        assertThat(b.toFloats()).containsExactly(1f, 0f, 0f, 1f);
        assertThat(b.nonZeroCount()).isEqualTo(2);
    }

    @Test
    void otherWidthsAndBfloat16Convert() {
        ByteBuffer u16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort(h(0xFFFF)).putShort(h(0x0102));
        assertThat(new Tensor("u16", DataType.UINT16, new long[] {2}, u16.array()).toLongs()).containsExactly(65535, 258);
        assertThat(new Tensor("i16", DataType.INT16, new long[] {2}, u16.array()).toLongs()).containsExactly(-1, 258);
        ByteBuffer u32 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1);
        assertThat(new Tensor("u32", DataType.UINT32, new long[] {1}, u32.array()).toLongs()).containsExactly(4294967295L);
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).putDouble(-3);
        assertThat(new Tensor("d", DataType.DOUBLE, new long[] {2}, d.array()).toFloats()).containsExactly(0.5f, -3f);
        // bfloat16 is the upper half of a float32: 1.0f = 0x3F80, −2.0f = 0xC000
        ByteBuffer bf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort(h(0x3F80)).putShort(h(0xC000));
        assertThat(new Tensor("bf", DataType.BFLOAT16, new long[] {2}, bf.array()).toFloats()).containsExactly(1f, -2f);
    }

    @Test
    void scalarTensorHasOneElement() {
        Tensor s = Tensor.ofLongs("s", new long[0], new long[] {7});
        assertThat(s.rank()).isZero();
        assertThat(s.elementCount()).isEqualTo(1);
        assertThat(s.toLongs()).containsExactly(7);
    }

    @Test
    void byteCountMustMatchTheShape() {
        assertThatThrownBy(() -> new Tensor("t", DataType.FLOAT, new long[] {2, 2}, new byte[12]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor 't' has 12 bytes").hasMessageContaining("needs 16");
    }

    @Test
    void withNameKeepsTheData() {
        Tensor t = Tensor.ofFloats("a", new long[] {1}, new float[] {4});
        Tensor r = t.withName("b");
        assertThat(r.name()).isEqualTo("b");
        assertThat(r.toFloats()).containsExactly(4f);
        assertThat(t.name()).isEqualTo("a");
    }

    @Test
    void nonZeroCountTreatsNegativeZeroAsZero() {
        Tensor f = Tensor.ofFloats("f", new long[] {5}, new float[] {0f, -0f, 1f, -1e-30f, Float.NaN});
        assertThat(f.nonZeroCount()).isEqualTo(3);
        Tensor h = Tensor.ofFloat16("h", new long[] {4}, new float[] {0f, -0f, 2f, -0f});
        assertThat(h.rawData()[3]).isEqualTo((byte) 0x80); // −0 is stored with its sign bit
        assertThat(h.nonZeroCount()).isEqualTo(1);
        // a double too small for float is still not zero
        ByteBuffer d = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putDouble(-0.0).putDouble(0.0).putDouble(3)
                .putDouble(-1e-50);
        assertThat(new Tensor("d", DataType.DOUBLE, new long[] {4}, d.array()).nonZeroCount()).isEqualTo(2);
        ByteBuffer bf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort(h(0x8000)).putShort(h(0x3F80));
        assertThat(new Tensor("bf", DataType.BFLOAT16, new long[] {2}, bf.array()).nonZeroCount()).isEqualTo(1);
    }

    @Test
    void nonZeroCountOfIntegerTypesCountsNonZeroElements() {
        assertThat(Tensor.ofLongs("l", new long[] {4}, new long[] {0, 256, 0, -1}).nonZeroCount()).isEqualTo(2);
        assertThat(Tensor.ofInts("i", new long[] {3}, new int[] {0x100, 0, 0x1000000}).nonZeroCount()).isEqualTo(2);
        assertThat(Tensor.ofBytes("q", DataType.INT8, new long[] {3}, new byte[] {0, -128, 0}).nonZeroCount())
                .isEqualTo(1);
    }

    // ---- Float16 -----------------------------------------------------------------------------

    @Test
    void float16ZerosKeepTheirSign() {
        assertThat(Float16.fromFloat(0f)).isEqualTo(h(0x0000));
        assertThat(Float16.fromFloat(-0f)).isEqualTo(h(0x8000));
        assertThat(Float.floatToRawIntBits(Float16.toFloat(h(0x8000)))).isEqualTo(0x80000000);
        assertThat(Float.floatToRawIntBits(Float16.toFloat(h(0x0000)))).isZero();
    }

    @Test
    void float16LargestFiniteAndOverflow() {
        assertThat(Float16.fromFloat(65504f)).isEqualTo(h(0x7BFF));
        assertThat(Float16.toFloat(h(0x7BFF))).isEqualTo(65504f);
        assertThat(Float16.fromFloat(-65504f)).isEqualTo(h(0xFBFF));
        // 65504 + 16 = 65520 is halfway to 65536 (= infinity in half); ties go to the even pattern 0x7C00
        assertThat(Float16.fromFloat(65520f)).isEqualTo(h(0x7C00));
        assertThat(Float16.fromFloat(65519.99f)).isEqualTo(h(0x7BFF));
        assertThat(Float16.fromFloat(1e10f)).isEqualTo(h(0x7C00));
        assertThat(Float16.fromFloat(-1e10f)).isEqualTo(h(0xFC00));
    }

    @Test
    void float16Subnormals() {
        // smallest subnormal 2^−24 ≈ 5.96e−8, largest subnormal 1023·2^−24, smallest normal 2^−14
        assertThat(Float16.fromFloat(5.96e-8f)).isEqualTo(h(0x0001));
        assertThat(Float16.toFloat(h(0x0001))).isEqualTo(0x1p-24f);
        assertThat(Float16.toFloat(h(0x03FF))).isEqualTo(1023 * 0x1p-24f);
        assertThat(Float16.fromFloat(1023 * 0x1p-24f)).isEqualTo(h(0x03FF));
        assertThat(Float16.fromFloat(0x1p-14f)).isEqualTo(h(0x0400));
        assertThat(Float16.fromFloat(-0x1p-24f)).isEqualTo(h(0x8001));
        // below half the smallest subnormal: zero with the sign kept
        assertThat(Float16.fromFloat(0x1p-26f)).isEqualTo(h(0x0000));
        assertThat(Float16.fromFloat(-0x1p-26f)).isEqualTo(h(0x8000));
        assertThat(Float16.fromFloat(Float.MIN_VALUE)).isEqualTo(h(0x0000));
    }

    @Test
    void float16InfinityAndNaN() {
        assertThat(Float16.fromFloat(Float.POSITIVE_INFINITY)).isEqualTo(h(0x7C00));
        assertThat(Float16.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo(h(0xFC00));
        assertThat(Float16.toFloat(h(0x7C00))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat(h(0xFC00))).isEqualTo(Float.NEGATIVE_INFINITY);
        short nan = Float16.fromFloat(Float.NaN);
        assertThat(nan & 0x7C00).isEqualTo(0x7C00);
        assertThat(nan & 0x03FF).isNotZero();
        assertThat(Float16.toFloat(nan)).isNaN();
        assertThat(Float16.toFloat(h(0x7E00))).isNaN();
    }

    @Test
    void float16RoundsTiesToEven() {
        // 1 + 2^−11 is halfway between 1 (0x3C00, even) and 1 + 2^−10 (0x3C01): → 0x3C00
        assertThat(Float16.fromFloat(1f + 0x1p-11f)).isEqualTo(h(0x3C00));
        // 1 + 3·2^−11 is halfway between 0x3C01 (odd) and 0x3C02 (even): → 0x3C02
        assertThat(Float16.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo(h(0x3C02));
        // just above the first halfway point rounds up
        assertThat(Float16.fromFloat(Math.nextUp(1f + 0x1p-11f))).isEqualTo(h(0x3C01));
        // 2049 is halfway between 2048 (0x6800) and 2050 (0x6801): → 2048
        assertThat(Float16.fromFloat(2049f)).isEqualTo(h(0x6800));
        assertThat(Float16.fromFloat(2051f)).isEqualTo(h(0x6802));
        // subnormal ties: 2^−25 is halfway between 0 and 2^−24 → 0; 3·2^−25 between 0x0001 and 0x0002 → 0x0002
        assertThat(Float16.fromFloat(0x1p-25f)).isEqualTo(h(0x0000));
        assertThat(Float16.fromFloat(3 * 0x1p-25f)).isEqualTo(h(0x0002));
        // the largest subnormal plus half a step rounds up into the smallest normal (mantissa carry)
        assertThat(Float16.fromFloat(1023.5f * 0x1p-24f)).isEqualTo(h(0x0400));
    }

    @Test
    void everyFiniteHalfSurvivesARoundTripThroughFloat() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short half = h(bits);
            float f = Float16.toFloat(half);
            if (Float.isNaN(f)) {
                continue;
            }
            assertThat(Float16.fromFloat(f)).as("0x%04X", bits).isEqualTo(half);
        }
    }

    @Test
    void float16ConversionMatchesNearestOfNeighbouringHalves() {
        // for random floats in range, the chosen half is the nearest one (or the even one on a tie)
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            float f = (float) ((r.nextDouble() * 2 - 1) * Math.pow(2, r.nextInt(40) - 26));
            short half = Float16.fromFloat(f);
            double got = Float16.toFloat(half);
            double err = Math.abs(got - f);
            short up = h(half + 1);
            short down = h(half - 1);
            for (short n : new short[] {up, down}) {
                float other = Float16.toFloat(n);
                if (!Float.isNaN(other) && !Float.isInfinite(other) && Math.signum(other) == Math.signum(got)) {
                    assertThat(err).as("%s → 0x%04X", f, half & 0xFFFF).isLessThanOrEqualTo(Math.abs(other - (double) f));
                }
            }
        }
    }
}
