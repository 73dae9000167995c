package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AccuracyAccumulatorTest {

    @Test
    void countsTopOneCorrectAndRecordsPerImagePredictions() {
        float[] logits = {
            0.1f, 0.9f, 0.0f, // predicts 1
            2.0f, 1.0f, 0.5f, // predicts 0
            0.0f, 0.0f, 3.0f, // predicts 2
        };
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        accumulator.add(logits, 3, 3, new int[] {1, 2, 2});

        assertThat(accumulator.count()).isEqualTo(3);
        assertThat(accumulator.top1Correct()).isEqualTo(2);
        assertThat(accumulator.predictions()).containsExactly(1, 0, 2);
        assertThat(accumulator.correct()).containsExactly(true, false, true);
        assertThat(accumulator.result().top1()).isEqualTo(2.0 / 3.0);
    }

    @Test
    void argmaxTieGoesToTheLowestIndex() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        // Row 1 ties classes 1 and 2 (label 2); row 2 ties classes 0 and 2 (label 0).
        accumulator.add(new float[] {1f, 5f, 5f, 5f, 1f, 5f}, 2, 3, new int[] {2, 0});

        assertThat(accumulator.predictions()).containsExactly(1, 0);
        assertThat(accumulator.correct()).containsExactly(false, true);
    }

    @Test
    void topFiveCountsLabelRankedFifthButNotSixth() {
        float[] logits = {9f, 8f, 7f, 6f, 5f, 4f, 3f, 2f, 1f, 0f};
        float[] batch = new float[20];
        System.arraycopy(logits, 0, batch, 0, 10);
        System.arraycopy(logits, 0, batch, 10, 10);
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        accumulator.add(batch, 2, 10, new int[] {4, 5});

        assertThat(accumulator.top5Correct()).isEqualTo(1);
        assertThat(accumulator.top1Correct()).isZero();
        assertThat(accumulator.result().top5()).isEqualTo(0.5);
    }

    @Test
    void topFiveTieAtTheBoundaryFollowsLowestIndexRule() {
        // Classes 4 and 5 tie for fifth place: class 4 ranks fifth, class 5 sixth.
        float[] row = {9f, 8f, 7f, 6f, 5f, 5f, 0f};
        float[] batch = new float[14];
        System.arraycopy(row, 0, batch, 0, 7);
        System.arraycopy(row, 0, batch, 7, 7);
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        accumulator.add(batch, 2, 7, new int[] {4, 5});

        assertThat(accumulator.top5Correct()).isEqualTo(1);
    }

    @Test
    void withFewerThanFiveClassesTopFiveIsTopK() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        accumulator.add(new float[] {3f, 2f, 1f, 0f, 1f, 2f}, 2, 3, new int[] {2, 0});

        assertThat(accumulator.top1Correct()).isZero();
        assertThat(accumulator.result().top5()).isEqualTo(1.0);
    }

    @Test
    void nanRowsCountAsWrongAndAreCountedWithoutCrashing() {
        float[] logits = {
            Float.NaN, 1f, 0f, // NaN: wrong even though class 1 would win
            0f, 1f, 0f,
            Float.NaN, Float.NaN, Float.NaN,
        };
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        accumulator.add(logits, 3, 3, new int[] {1, 1, 0});

        assertThat(accumulator.nanRows()).isEqualTo(2);
        assertThat(accumulator.top1Correct()).isEqualTo(1);
        assertThat(accumulator.top5Correct()).isEqualTo(1);
        assertThat(accumulator.predictions())
                .containsExactly(AccuracyAccumulator.NO_PREDICTION, 1, AccuracyAccumulator.NO_PREDICTION);
        assertThat(accumulator.correct()).containsExactly(false, true, false);
    }

    @Test
    void infiniteLogitsRankNormally() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        accumulator.add(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, 1, 2, new int[] {1});

        assertThat(accumulator.nanRows()).isZero();
        assertThat(accumulator.top1Correct()).isEqualTo(1);
    }

    @Test
    void resultCarriesWilsonIntervalOfTopOne() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();
        int n = 263;
        float[] logits = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            logits[2 * i] = 1f; // always predicts class 0
            labels[i] = i < 81 ? 0 : 1;
        }

        accumulator.add(logits, n, 2, labels);
        AccuracyResult result = accumulator.result();

        assertThat(result.n()).isEqualTo(263);
        assertThat(result.top1()).isEqualTo(81.0 / 263.0);
        assertThat(result.top1Ci95()).isEqualTo(WilsonInterval.of(81, 263));
        assertThat(result.top5()).isEqualTo(1.0);
    }

    @Test
    void perImageRecordsGrowAcrossManyBatches() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();
        int batches = 25;
        int rows = 100;
        for (int b = 0; b < batches; b++) {
            float[] logits = new float[rows * 2];
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) {
                int image = b * rows + r;
                logits[2 * r + (image % 2)] = 1f; // predicts image % 2
                labels[r] = image % 3 == 0 ? image % 2 : 1 - image % 2;
            }
            accumulator.add(logits, rows, 2, labels);
        }

        int[] predictions = accumulator.predictions();
        boolean[] correct = accumulator.correct();
        assertThat(predictions).hasSize(2500);
        assertThat(correct).hasSize(2500);
        for (int image = 0; image < 2500; image++) {
            assertThat(predictions[image]).isEqualTo(image % 2);
            assertThat(correct[image]).isEqualTo(image % 3 == 0);
        }
        assertThat(accumulator.top1Correct()).isEqualTo(834); // multiples of 3 in [0, 2500)
    }

    @Test
    void returnedArraysAreCopies() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();
        accumulator.add(new float[] {0f, 1f}, 1, 2, new int[] {1});

        accumulator.predictions()[0] = 0;
        accumulator.correct()[0] = false;

        assertThat(accumulator.predictions()).containsExactly(1);
        assertThat(accumulator.correct()).containsExactly(true);
    }

    @Test
    void predictionsFeedMcNemarComparison() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        float[] modelA = {1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f}; // all correct
        float[] modelB = {0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f, 1f, 0f, 0f, 1f}; // wrong on first four
        AccuracyAccumulator a = new AccuracyAccumulator();
        AccuracyAccumulator b = new AccuracyAccumulator();
        a.add(modelA, 6, 2, labels);
        b.add(modelB, 6, 2, labels);

        McNemarResult result = McNemarTest.fromPredictions(labels, a.predictions(), b.predictions());

        assertThat(result.onlyA()).isEqualTo(4);
        assertThat(result.onlyB()).isZero();
        assertThat(result.pValue()).isEqualTo(0.125); // 2 * 0.5^4
    }

    @Test
    void emptyAccumulatorReportsUndefinedAccuracy() {
        AccuracyResult result = new AccuracyAccumulator().result();

        assertThat(result.n()).isZero();
        assertThat(result.top1()).isNaN();
        assertThat(result.top5()).isNaN();
        assertThat(result.top1Ci95().isDefined()).isFalse();
    }

    @Test
    void rejectedBatchLeavesTheAccumulatorUnchanged() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();
        accumulator.add(new float[] {0f, 1f}, 1, 2, new int[] {1});

        // Second label is out of range: nothing of this batch may be counted.
        assertThatThrownBy(() -> accumulator.add(new float[] {0f, 1f, 1f, 0f}, 2, 2, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2");

        assertThat(accumulator.count()).isEqualTo(1);
        assertThat(accumulator.top1Correct()).isEqualTo(1);
        assertThat(Arrays.stream(accumulator.predictions()).boxed()).containsExactly(1);
    }

    @Test
    void rejectsTooFewLabelsOrLogits() {
        AccuracyAccumulator accumulator = new AccuracyAccumulator();

        assertThatThrownBy(() -> accumulator.add(new float[4], 2, 2, new int[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accumulator.add(new float[3], 2, 2, new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accumulator.add(new float[4], 2, 2, new int[] {0, -1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
