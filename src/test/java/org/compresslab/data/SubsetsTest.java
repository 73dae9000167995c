package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubsetsTest {

    @Test
    void firstNIsAPrefixCappedAtTheSize() {
        assertThat(Subsets.firstN(10, 3)).containsExactly(0, 1, 2);
        assertThat(Subsets.firstN(2, 5)).containsExactly(0, 1);
        assertThat(Subsets.firstN(5, 0)).isEmpty();
    }

    @Test
    void randomSampleIsDeterministicDistinctAndSorted() {
        int[] a = Subsets.randomSample(1000, 50, 42);
        int[] b = Subsets.randomSample(1000, 50, 42);

        assertThat(a).isEqualTo(b).hasSize(50).isSorted().doesNotHaveDuplicates();
        assertThat(a[0]).isNotNegative();
        assertThat(a[a.length - 1]).isLessThan(1000);
        assertThat(Subsets.randomSample(1000, 50, 43)).isNotEqualTo(a);
        // Pinned: java.util.Random is specified, so this subset must never change between JVMs.
        assertThat(Subsets.randomSample(20, 4, 1)).containsExactly(1, 3, 5, 19);
    }

    @Test
    void randomSampleOfAtLeastTheSizeIsEverything() {
        assertThat(Subsets.randomSample(5, 9, 7)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void randomSampleIsNotBiasedTowardsTheStart() {
        int[] sample = Subsets.randomSample(10_000, 1000, 3);

        double mean = Arrays.stream(sample).average().orElseThrow();
        assertThat(mean).isBetween(4_500.0, 5_500.0);
    }

    @Test
    void stratifiedTakesTheSameNumberFromEveryClass() {
        InMemoryDataset dataset = new InMemoryDataset(100, 4);

        int[] chosen = Subsets.stratified(dataset, 5, 11);

        assertThat(chosen).hasSize(20).isSorted().doesNotHaveDuplicates();
        int[] perClass = new int[4];
        for (int i : chosen) {
            perClass[dataset.label(i)]++;
        }
        assertThat(perClass).containsOnly(5);
        assertThat(Subsets.stratified(dataset, 5, 11)).isEqualTo(chosen);
        assertThat(Subsets.stratified(dataset, 5, 12)).isNotEqualTo(chosen);
        assertThat(dataset.reads).hasValue(0);
    }

    @Test
    void stratifiedTakesAllOfASmallClass() {
        InMemoryDataset dataset = new InMemoryDataset(7, 3);

        assertThat(Subsets.stratified(dataset, 10, 0)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void stratifiedOnFashionMnistGivesTenPerClass() {
        IdxDataset test = Datasets.fashionMnist("test");

        int[] chosen = Subsets.stratified(test, 10, 2024);

        assertThat(chosen).hasSize(100);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> Subsets.firstN(3, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subsets.stratified(new InMemoryDataset(3, 1), -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
