package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channel spaces the analysis creates (one per producer, graph input or node it cannot follow),
 * tied into groups with union-find, and what it learns about each. Facts are kept in one list each, in
 * the order the nodes were visited, so a group lists its producers and slices in graph order.
 */
final class ChannelSpaces {
    private record Fact<T>(int space, T item) {
    }

    private final List<Integer> parent = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<Fact<ProducerSlice>> producers = new ArrayList<>();
    private final List<Fact<TensorSlice>> followers = new ArrayList<>();
    private final List<Fact<TensorSlice>> consumers = new ArrayList<>();
    private final List<Fact<CountEdit>> countEdits = new ArrayList<>();
    private final List<Fact<String>> values = new ArrayList<>();
    private final List<Fact<Blocker>> blockers = new ArrayList<>();

    /** A new space of {@code size} channels (-1 when unknown). */
    int create(int size) {
        parent.add(parent.size());
        sizes.add(size);
        return parent.size() - 1;
    }

    int find(int space) {
        int root = space;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        while (parent.get(space) != root) {
            int next = parent.get(space);
            parent.set(space, root);
            space = next;
        }
        return root;
    }

    void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent.set(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    void addProducer(int space, ProducerSlice p) {
        producers.add(new Fact<>(space, p));
    }

    void addFollower(int space, TensorSlice s) {
        followers.add(new Fact<>(space, s));
    }

    void addConsumer(int space, TensorSlice s) {
        consumers.add(new Fact<>(space, s));
    }

    void addCountEdit(int space, CountEdit e) {
        countEdits.add(new Fact<>(space, e));
    }

    void addValue(int space, String value) {
        values.add(new Fact<>(space, value));
    }

    void block(int space, Blocker b) {
        blockers.add(new Fact<>(space, b));
    }

    /** The groups that have at least one producer (the others hold nothing to prune), in producer order. */
    List<ChannelGroup> groups() {
        Map<Integer, List<ProducerSlice>> byRoot = new LinkedHashMap<>();
        for (Fact<ProducerSlice> f : producers) {
            byRoot.computeIfAbsent(find(f.space()), k -> new ArrayList<>()).add(f.item());
        }
        List<ChannelGroup> out = new ArrayList<>();
        for (Map.Entry<Integer, List<ProducerSlice>> e : byRoot.entrySet()) {
            int root = e.getKey();
            out.add(new ChannelGroup(out.size(), sizes.get(root), e.getValue(), of(followers, root),
                    of(consumers, root), of(countEdits, root), distinct(of(values, root)), distinct(of(blockers, root))));
        }
        return out;
    }

    private <T> List<T> of(List<Fact<T>> facts, int root) {
        List<T> out = new ArrayList<>();
        for (Fact<T> f : facts) {
            if (find(f.space()) == root) {
                out.add(f.item());
            }
        }
        return out;
    }

    private static <T> List<T> distinct(List<T> items) {
        Set<T> set = new LinkedHashSet<>(items);
        return List.copyOf(set);
    }
}
