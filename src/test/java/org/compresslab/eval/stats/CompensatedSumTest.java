package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompensatedSumTest {

    @Test
    void keepsSmallTermsThatNaiveSummationLoses() {
        CompensatedSum sum = new CompensatedSum();
        double naive = 0.0;
        sum.add(1e16);
        naive += 1e16;
        for (int i = 0; i < 1000; i++) {
            sum.add(1.0);
            naive += 1.0;
        }
        sum.add(-1e16);
        naive += -1e16;

        assertThat(naive).isEqualTo(0.0); // each +1 is rounded away next to 1e16
        assertThat(sum.value()).isEqualTo(1000.0);
    }
}
