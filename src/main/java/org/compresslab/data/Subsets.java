package org.compresslab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Index subsets of a dataset, e.g. for calibration or quick evaluations. Random choices use
 * {@link java.util.Random}, whose algorithm the JDK specifies, so a seed gives the same subset on every
 * JVM. All results are sorted ascending, which keeps reads sequential and subsets easy to compare.
 */
public final class Subsets {

    private Subsets() {
    }

    /** {@code 0..min(n,size)-1}. */
    public static int[] firstN(int size, int n) {
        check(size, n);
        return IntStream.range(0, Math.min(n, size)).toArray();
    }

    /** {@code min(n,size)} distinct indices from {@code 0..size-1}, chosen uniformly, sorted ascending. */
    public static int[] randomSample(int size, int n, long seed) {
        check(size, n);
        int[] pool = IntStream.range(0, size).toArray();
        int take = Math.min(n, size);
        partialShuffle(pool, take, new Random(seed));
        int[] chosen = Arrays.copyOf(pool, take);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Up to {@code perClass} random indices of every class (all of a class that has fewer), sorted
     * ascending. Uses {@link ImageDataset#label(int)}, so image folders are not decoded.
     */
    public static int[] stratified(ImageDataset dataset, int perClass, long seed) {
        if (perClass < 0) {
            throw new IllegalArgumentException("images per class must not be negative, got " + perClass);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < dataset.classCount(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < dataset.size(); i++) {
            int label = dataset.label(i);
            if (label < 0 || label >= byClass.size()) {
                throw new DatasetException(dataset.name() + ": item " + i + " has label " + label
                        + ", outside its " + byClass.size() + " classes");
            }
            byClass.get(label).add(i);
        }
        Random random = new Random(seed);
        int[] chosen = byClass.stream().flatMapToInt(members -> {
            int[] pool = members.stream().mapToInt(Integer::intValue).toArray();
            int take = Math.min(perClass, pool.length);
            partialShuffle(pool, take, random);
            return Arrays.stream(pool, 0, take);
        }).toArray();
        Arrays.sort(chosen);
        return chosen;
    }

    /** Fisher-Yates for the first {@code take} slots only: they end up a uniform sample without replacement. */
    private static void partialShuffle(int[] pool, int take, Random random) {
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(pool.length - i);
            int tmp = pool[i];
            pool[i] = pool[j];
            pool[j] = tmp;
        }
    }

    private static void check(int size, int n) {
        if (size < 0 || n < 0) {
            throw new IllegalArgumentException("size and n must not be negative, got size " + size + ", n " + n);
        }
    }
}
