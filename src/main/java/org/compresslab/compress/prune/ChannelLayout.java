package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * How the channel axis (axis 1) of one value is made of channel spaces: a Concat output is several
 * segments one after another, a Flatten output has each channel repeated H×W times ({@code block}).
 * {@code rank} is the value's rank, kept so elementwise ops can tell broadcasting from matching.
 */
record ChannelLayout(List<Segment> segments, int rank) {

    /** {@code channels} channels of space {@code space}, each {@code block} consecutive positions. */
    record Segment(int space, int channels, int block) {
        int extent() {
            return channels < 0 ? -1 : channels * block;
        }
    }

    ChannelLayout {
        segments = List.copyOf(segments);
    }

    static ChannelLayout single(int space, int channels, int rank) {
        return new ChannelLayout(List.of(new Segment(space, channels, 1)), rank);
    }

    /** The length of the channel axis, or -1 when a segment's size is unknown. */
    int extent() {
        int sum = 0;
        for (Segment s : segments) {
            if (s.extent() < 0) {
                return -1;
            }
            sum += s.extent();
        }
        return sum;
    }

    /** Where each segment starts along the channel axis. */
    int[] offsets() {
        int[] out = new int[segments.size()];
        int at = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = at;
            at += Math.max(0, segments.get(i).extent());
        }
        return out;
    }

    ChannelLayout withRank(int newRank) {
        return new ChannelLayout(segments, newRank);
    }

    /** Every channel spread over {@code factor} times as many positions (Flatten folds H×W into axis 1). */
    ChannelLayout scaled(long factor) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            out.add(new Segment(s.space(), s.channels(), Math.toIntExact(s.block() * factor)));
        }
        return new ChannelLayout(out, rank);
    }

    /** Every channel's block divided by {@code divisor}; null when a block or offset does not divide. */
    ChannelLayout divided(long divisor) {
        List<Segment> out = new ArrayList<>();
        int[] offsets = offsets();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.block() % divisor != 0 || offsets[i] % divisor != 0) {
                return null;
            }
            out.add(new Segment(s.space(), s.channels(), (int) (s.block() / divisor)));
        }
        return new ChannelLayout(out, rank);
    }

    static ChannelLayout concat(List<ChannelLayout> parts, int rank) {
        List<Segment> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.segments()));
        return new ChannelLayout(all, rank);
    }

    /** Same segment sizes and blocks, so elementwise ops can tie the spaces one to one. */
    boolean sameStructure(ChannelLayout other) {
        if (other.segments.size() != segments.size() || other.rank != rank) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment a = segments.get(i);
            Segment b = other.segments.get(i);
            if (a.channels() < 0 || a.channels() != b.channels() || a.block() != b.block()) {
                return false;
            }
        }
        return true;
    }
}
