package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AgreementAccumulatorTest {

    private static final float LN3 = (float) Math.log(3.0);

    @Test
    void identicalLogitsAgreeFullyWithZeroDivergence() {
        float[] logits = {2.5f, -1f, 0.3f, 7f, 0f, 0f, -4f, 3f, 3.1f};
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(logits, logits.clone(), 3, 3);
        AgreementResult result = accumulator.result();

        assertThat(result.n()).isEqualTo(3);
        assertThat(result.top1Agreement()).isEqualTo(1.0);
        assertThat(result.meanKl()).isEqualTo(0.0);
        assertThat(result.meanCosine()).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void twoClassCaseMatchesHandComputedValues() {
        // Row 1: p = (3/4, 1/4), q = (1/4, 3/4): KL = 3/4 ln 3 + 1/4 ln(1/3) = (1/2) ln 3; the logit
        //        vectors (ln3, 0) and (0, ln3) are orthogonal; argmax 0 vs 1 disagree.
        // Row 2: p = (3/4, 1/4), q = (9/10, 1/10): KL = 3/4 ln(5/6) + 1/4 ln(5/2); the vectors
        //        (ln3, 0) and (2 ln3, 0) are parallel; argmax agrees.
        float[] ref = {LN3, 0f, LN3, 0f};
        float[] other = {0f, LN3, 2 * LN3, 0f};
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(ref, other, 2, 2);
        AgreementResult result = accumulator.result();

        double klRow1 = 0.5 * Math.log(3.0);
        double klRow2 = 0.75 * Math.log(5.0 / 6.0) + 0.25 * Math.log(2.5);
        assertThat(result.n()).isEqualTo(2);
        assertThat(result.top1Agreement()).isEqualTo(0.5);
        assertThat(result.meanKl()).isCloseTo((klRow1 + klRow2) / 2, within(1e-7));
        assertThat(result.meanCosine()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void divergenceIsMeasuredFromTheReferenceDistribution() {
        // KL(p || q) with p = ref = (3/4, 1/4), q = (1/2, 1/2): 3/4 ln(3/2) + 1/4 ln(1/2) = 0.1308...
        // The reverse direction would be 1/2 ln(4/3) = 0.1438...
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(new float[] {LN3, 0f}, new float[] {0f, 0f}, 1, 2);

        double expected = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
        assertThat(accumulator.result().meanKl()).isCloseTo(expected, within(1e-7));
    }

    @Test
    void hugeLogitsDoNotOverflowTheSoftmax() {
        // exp(1000) overflows a double; log-softmax gives p = (1, e^-1000), q = (e^-1000, 1): KL = 1000.
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(new float[] {1000f, 0f}, new float[] {0f, 1000f}, 1, 2);

        assertThat(accumulator.result().meanKl()).isCloseTo(1000.0, within(1e-9));
    }

    @Test
    void shiftedLogitsGiveTheSameDistributionButNotTheSameVector() {
        float[] ref = {1f, 2f, 3f};
        float[] shifted = {6f, 7f, 8f};
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(ref, shifted, 1, 3);
        AgreementResult result = accumulator.result();

        assertThat(result.top1Agreement()).isEqualTo(1.0);
        assertThat(result.meanKl()).isCloseTo(0.0, within(1e-12));
        // (1*6 + 2*7 + 3*8) / (sqrt(14) * sqrt(149))
        assertThat(result.meanCosine()).isCloseTo(44.0 / Math.sqrt(14.0 * 149.0), within(1e-12));
    }

    @Test
    void argmaxTiesResolveToTheLowestIndex() {
        AgreementAccumulator accumulator = new AgreementAccumulator();

        // ref ties between 0 and 1 -> 0; other clearly 0: agree. Second row: other clearly 1: disagree.
        accumulator.add(new float[] {1f, 1f, 1f, 1f}, new float[] {1f, 0f, 0f, 1f}, 2, 2);

        assertThat(accumulator.result().top1Agreement()).isEqualTo(0.5);
    }

    @Test
    void allZeroLogitVectorsHaveDefinedCosine() {
        AgreementAccumulator bothZero = new AgreementAccumulator();
        bothZero.add(new float[] {0f, 0f}, new float[] {0f, 0f}, 1, 2);
        AgreementAccumulator oneZero = new AgreementAccumulator();
        oneZero.add(new float[] {0f, 0f}, new float[] {1f, 0f}, 1, 2);

        assertThat(bothZero.result().meanCosine()).isEqualTo(1.0);
        assertThat(oneZero.result().meanCosine()).isEqualTo(0.0);
    }

    @Test
    void nonFiniteRowsCountAsDisagreementAndAreExcludedFromMeans() {
        float[] ref = {2f, 0f, 2f, 0f, Float.POSITIVE_INFINITY, 0f};
        float[] other = {2f, 0f, Float.NaN, 0f, 2f, 0f};
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(ref, other, 3, 2);
        AgreementResult result = accumulator.result();

        assertThat(accumulator.nonFiniteRows()).isEqualTo(2);
        assertThat(result.n()).isEqualTo(3);
        assertThat(result.top1Agreement()).isCloseTo(1.0 / 3.0, within(1e-15));
        assertThat(result.meanKl()).isEqualTo(0.0);
        assertThat(result.meanCosine()).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void onlyNonFiniteRowsLeaveMeansUndefined() {
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(new float[] {Float.NaN, 0f}, new float[] {1f, 0f}, 1, 2);
        AgreementResult result = accumulator.result();

        assertThat(result.n()).isEqualTo(1);
        assertThat(result.top1Agreement()).isEqualTo(0.0);
        assertThat(result.meanKl()).isNaN();
        assertThat(result.meanCosine()).isNaN();
    }

    @Test
    void batchesAccumulateAndExtraBufferValuesAreIgnored() {
        AgreementAccumulator accumulator = new AgreementAccumulator();

        accumulator.add(new float[] {1f, 0f, 0f, 1f}, new float[] {1f, 0f, 0f, 1f}, 2, 2);
        // A reused 2-row buffer holding a final 1-row batch: the stale second row must be ignored.
        accumulator.add(new float[] {0f, 1f, 9f, 9f}, new float[] {1f, 0f, -9f, 9f}, 1, 2);
        AgreementResult result = accumulator.result();

        assertThat(result.n()).isEqualTo(3);
        assertThat(result.top1Agreement()).isCloseTo(2.0 / 3.0, within(1e-15));
        assertThat(result.meanCosine()).isCloseTo(2.0 / 3.0, within(1e-15));
    }

    @Test
    void emptyAccumulatorReportsUndefinedValues() {
        AgreementResult result = new AgreementAccumulator().result();

        assertThat(result.n()).isZero();
        assertThat(result.top1Agreement()).isNaN();
        assertThat(result.meanKl()).isNaN();
        assertThat(result.meanCosine()).isNaN();
    }

    @Test
    void rejectsBuffersShorterThanTheBatch() {
        AgreementAccumulator accumulator = new AgreementAccumulator();

        assertThatThrownBy(() -> accumulator.add(new float[4], new float[3], 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("otherLogits");
        assertThatThrownBy(() -> accumulator.add(new float[4], new float[4], 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
