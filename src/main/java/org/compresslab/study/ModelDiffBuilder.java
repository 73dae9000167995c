package org.compresslab.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.compresslab.study.ModelDiff.Layer;
import org.compresslab.study.ModelDiff.LayerChange;
import org.compresslab.study.ModelDiff.NodeGroup;
import org.compresslab.study.ModelDiff.Weight;

/** Matches two models' nodes and keeps what changed (see {@link ModelDiff} for the matching order). */
final class ModelDiffBuilder {
    private static final Set<String> QDQ = Set.of("QuantizeLinear", "DequantizeLinear");
    /**
     * Integer kernels that read their weight as a plain integer initializer, without a DequantizeLinear
     * in front: the input index of that weight.
     */
    private static final Map<String, Integer> INTEGER_WEIGHT_INPUT = Map.of("MatMulInteger", 1, "ConvInteger", 1,
            "QLinearConv", 3, "QLinearMatMul", 3);

    private ModelDiffBuilder() {
    }

    static ModelDiff diff(ModelFile beforeFile, ModelFile afterFile) {
        Side a = Side.read(beforeFile.editableGraph("be compared layer by layer"));
        Side b = Side.read(afterFile.editableGraph("be compared layer by layer"));
        Matching m = Matching.of(a, b);
        List<LayerChange> changed = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            List<Integer> js = m.replacedBy.get(i);
            if (js != null) {
                Node gone = a.graph.nodes().get(i);
                changed.add(new LayerChange(a.layers.get(i), b.merged(js, gone.outputs().isEmpty() ? "" : gone.output(0)),
                        js.stream().map(j -> b.layers.get(j).op()).toList(), false));
            } else if (m.pair[i] >= 0) {
                change(a, i, b, m.pair[i]).ifPresent(changed::add);
            }
        }
        return new ModelDiff(beforeFile.displayName(), afterFile.displayName(), changed,
                groups(b, m.added(b), i -> 0), groups(a, m.removed(), i -> a.readsKeptConv(i, m) ? 1 : 0),
                new ModelDiff.Totals(a.params(), b.params(), a.nonZero(), b.nonZero(), a.macs(), b.macs(),
                        beforeFile.bytes().length, afterFile.bytes().length, a.size(), b.size()));
    }

    /** The pair as a change, or empty when the layer is the same (or a weightless op that only follows its input). */
    private static Optional<LayerChange> change(Side a, int i, Side b, int j) {
        Layer before = a.layers.get(i);
        Layer after = b.layers.get(j);
        boolean opChanged = !before.op().equals(after.op());
        boolean ownsWeights = !before.weights().isEmpty() || !after.weights().isEmpty();
        boolean layoutChanged = before.weights().size() != after.weights().size();
        for (int k = 0; !layoutChanged && k < before.weights().size(); k++) {
            Weight x = before.weights().get(k);
            Weight y = after.weights().get(k);
            layoutChanged = !x.sameLayout(y) || x.nonZero() != y.nonZero();
        }
        boolean valuesChanged = false;
        for (int k = 0; !layoutChanged && !valuesChanged && k < before.weights().size(); k++) {
            valuesChanged = !Arrays.equals(a.tensors.get(i).get(k).rawData(), b.tensors.get(j).get(k).rawData());
        }
        boolean shapeChanged = !Arrays.equals(before.outputShape(), after.outputShape()) || before.macs() != after.macs();
        if (opChanged || (ownsWeights && (layoutChanged || valuesChanged || shapeChanged))) {
            return Optional.of(new LayerChange(before, after, List.of(), valuesChanged));
        }
        return Optional.empty();
    }

    private static List<NodeGroup> groups(Side s, List<Integer> indexes, IntUnaryOperator afterConv) {
        Map<String, List<Integer>> byOp = new LinkedHashMap<>();
        indexes.forEach(i -> byOp.computeIfAbsent(s.layers.get(i).op(), k -> new ArrayList<>()).add(i));
        List<NodeGroup> groups = new ArrayList<>();
        byOp.forEach((op, is) -> groups.add(new NodeGroup(op, is.stream().map(i -> s.layers.get(i).name()).toList(),
                is.stream().mapToLong(i -> s.layers.get(i).params()).sum(),
                is.stream().mapToInt(afterConv::applyAsInt).sum())));
        return groups;
    }

    /** One model read for the diff: every node as a layer, with the tensors behind its weights. */
    private static final class Side {
        final Graph graph;
        final ModelStatistics stats;
        final List<Layer> layers = new ArrayList<>();
        final List<List<Tensor>> tensors = new ArrayList<>();
        final Map<String, Integer> producerIndex = new HashMap<>();

        private Side(Graph graph) {
            this.graph = graph;
            this.stats = ModelStatistics.of(graph);
        }

        static Side read(Graph g) {
            Side s = new Side(g);
            List<Node> nodes = g.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                for (String out : nodes.get(i).outputs()) {
                    s.producerIndex.putIfAbsent(out, i);
                }
            }
            Set<String> quantParams = quantizationParameters(g);
            for (int i = 0; i < nodes.size(); i++) {
                List<Tensor> ts = s.weightTensors(nodes.get(i), quantParams);
                LayerStatistics st = s.stats.layers().get(i);
                s.tensors.add(ts);
                // integer kernels do multiply-accumulate, but the statistics count only float ops: unknown, not 0
                long macs = INTEGER_WEIGHT_INPUT.containsKey(st.op()) ? -1 : st.macs();
                s.layers.add(new Layer(st.name(), st.op(), st.outputShape(), ts.stream()
                        .map(t -> new Weight(t.name(), t.dims(), t.type(), t.elementCount(), t.nonZeroCount()))
                        .toList(), macs));
            }
            return s;
        }

        int size() {
            return layers.size();
        }

        /** Each weight tensor once, however many layers read it. */
        private Map<String, Tensor> distinctWeights() {
            Map<String, Tensor> all = new LinkedHashMap<>();
            tensors.forEach(ts -> ts.forEach(t -> all.putIfAbsent(t.name(), t)));
            return all;
        }

        long params() {
            return distinctWeights().values().stream().mapToLong(Tensor::elementCount).sum();
        }

        long nonZero() {
            return distinctWeights().values().stream().mapToLong(Tensor::nonZeroCount).sum();
        }

        /** The statistics' MACs, or unknown when integer kernels do work the count leaves out. */
        long macs() {
            return layers.stream().anyMatch(l -> INTEGER_WEIGHT_INPUT.containsKey(l.op())) ? -1 : stats.macs();
        }

        /** As {@code ModelStatistics} attributes weights, plus the integer weights integer kernels read directly. */
        private List<Tensor> weightTensors(Node n, Set<String> quantParams) {
            List<Tensor> ts = new ArrayList<>();
            if (QDQ.contains(n.opType())) {
                return ts; // a QDQ node's tensors belong to the layer that reads its output
            }
            Integer integerWeight = INTEGER_WEIGHT_INPUT.get(n.opType());
            for (int k = 0; k < n.inputs().size(); k++) {
                String in = n.input(k);
                Tensor t = graph.initializers().get(in);
                if (t != null) {
                    boolean floatWeight = t.type().isFloatingPoint() && !quantParams.contains(in);
                    if (floatWeight || (integerWeight != null && integerWeight == k)) {
                        ts.add(t);
                    }
                    continue;
                }
                Integer p = producerIndex.get(in);
                if (p != null) {
                    Node producer = graph.nodes().get(p);
                    if (producer.opType().equals("DequantizeLinear")) {
                        Tensor stored = graph.initializers().get(producer.input(0));
                        if (stored != null) {
                            ts.add(stored);
                        }
                    }
                }
            }
            return ts;
        }

        private static Set<String> quantizationParameters(Graph g) {
            Set<String> params = new HashSet<>();
            for (Node n : g.nodes()) {
                if (QDQ.contains(n.opType())) {
                    params.add(n.input(1));
                    params.add(n.input(2));
                }
            }
            return params;
        }

        /** Several nodes standing in for one: their weights and MACs together, the shape of the value the old node made. */
        Layer merged(List<Integer> js, String replacedOutput) {
            Layer last = layers.get(js.get(js.size() - 1));
            long[] shape = last.outputShape();
            List<Weight> weights = new ArrayList<>();
            long macs = 0;
            for (int j : js) {
                Layer l = layers.get(j);
                weights.addAll(l.weights());
                macs = macs < 0 || l.macs() < 0 ? -1 : macs + l.macs();
                if (graph.nodes().get(j).outputs().contains(replacedOutput)) {
                    shape = l.outputShape();
                }
            }
            String op = layers.get(js.get(0)).op();
            for (int j : js) {
                // the op that carries the weights names the group best (MatMulInteger, not DynamicQuantizeLinear)
                if (!layers.get(j).weights().isEmpty()) {
                    op = layers.get(j).op();
                    break;
                }
            }
            return new Layer(layers.get(js.get(0)).name(), op, shape, weights, macs);
        }

        /** Whether node i reads the output of a Conv that the other model still has. */
        boolean readsKeptConv(int i, Matching m) {
            Integer p = producerIndex.get(graph.nodes().get(i).input(0));
            return p != null && layers.get(p).op().equals("Conv") && (m.pair[p] >= 0 || m.replacedBy.containsKey(p));
        }
    }

    /** Which node of the new model each node of the old one became. */
    private static final class Matching {
        final int[] pair;
        final boolean[] used;
        final Map<Integer, List<Integer>> replacedBy = new LinkedHashMap<>();

        private Matching(int na, int nb) {
            pair = new int[na];
            Arrays.fill(pair, -1);
            used = new boolean[nb];
        }

        static Matching of(Side a, Side b) {
            Matching m = new Matching(a.size(), b.size());
            m.byName(a, b);
            m.byNamePrefix(a, b);
            m.byWeightName(a, b);
            m.byOrderWithinOp(a, b);
            return m;
        }

        private void link(int i, int j) {
            pair[i] = j;
            used[j] = true;
        }

        private boolean matched(int i) {
            return pair[i] >= 0 || replacedBy.containsKey(i);
        }

        private void byName(Side a, Side b) {
            Map<String, Integer> byName = new HashMap<>();
            for (int j = 0; j < b.size(); j++) {
                byName.putIfAbsent(b.layers.get(j).name(), j);
            }
            for (int i = 0; i < a.size(); i++) {
                Integer j = byName.get(a.layers.get(i).name());
                if (j != null && !used[j]) {
                    link(i, j);
                }
            }
        }

        /**
         * A node that is gone, whose name prefixes new nodes' names ({@code fc1} → {@code fc1_MatMulInteger},
         * {@code fc1_bias} …), was replaced by them. QDQ nodes are left out: they are named after the
         * value they quantize, which may be a removed BatchNorm's.
         */
        private void byNamePrefix(Side a, Side b) {
            for (int j = 0; j < b.size(); j++) {
                if (used[j] || QDQ.contains(b.layers.get(j).op())) {
                    continue;
                }
                String name = b.layers.get(j).name();
                int best = -1;
                for (int i = 0; i < a.size(); i++) {
                    String prefix = a.layers.get(i).name();
                    if (pair[i] < 0 && isPrefix(prefix, name)
                            && (best < 0 || prefix.length() > a.layers.get(best).name().length())) {
                        best = i;
                    }
                }
                if (best >= 0) {
                    replacedBy.computeIfAbsent(best, k -> new ArrayList<>()).add(j);
                    used[j] = true;
                }
            }
            // one node for one node is a renamed layer, not a replacement
            for (var e : List.copyOf(replacedBy.entrySet())) {
                if (e.getValue().size() == 1) {
                    replacedBy.remove(e.getKey());
                    link(e.getKey(), e.getValue().get(0));
                }
            }
        }

        private static boolean isPrefix(String prefix, String name) {
            return !prefix.isEmpty() && name.length() > prefix.length() + 1 && name.startsWith(prefix)
                    && "_./:-".indexOf(name.charAt(prefix.length())) >= 0;
        }

        /** A renamed node that still reads a weight named after the old one's ({@code fc1.weight} → {@code fc1.weight_int8}). */
        private void byWeightName(Side a, Side b) {
            for (int i = 0; i < a.size(); i++) {
                if (matched(i)) {
                    continue;
                }
                String w = a.layers.get(i).mainWeight().map(Weight::name).orElse(null);
                if (w == null) {
                    continue;
                }
                for (int j = 0; j < b.size(); j++) {
                    if (!used[j] && b.layers.get(j).weights().stream()
                            .anyMatch(x -> x.name().equals(w) || isPrefix(w, x.name()))) {
                        link(i, j);
                        break;
                    }
                }
            }
        }

        /** Names changed throughout (e.g. another exporter): the k-th Conv left is the k-th Conv, if the counts agree. */
        private void byOrderWithinOp(Side a, Side b) {
            Map<String, List<Integer>> left = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i++) {
                if (!matched(i)) {
                    left.computeIfAbsent(a.layers.get(i).op(), k -> new ArrayList<>()).add(i);
                }
            }
            Map<String, List<Integer>> right = new HashMap<>();
            for (int j = 0; j < b.size(); j++) {
                if (!used[j]) {
                    right.computeIfAbsent(b.layers.get(j).op(), k -> new ArrayList<>()).add(j);
                }
            }
            left.forEach((op, is) -> {
                List<Integer> js = right.get(op);
                if (js != null && js.size() == is.size()) {
                    for (int k = 0; k < is.size(); k++) {
                        link(is.get(k), js.get(k));
                    }
                }
            });
        }

        List<Integer> removed() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < pair.length; i++) {
                if (!matched(i)) {
                    out.add(i);
                }
            }
            return out;
        }

        List<Integer> added(Side b) {
            List<Integer> out = new ArrayList<>();
            for (int j = 0; j < b.size(); j++) {
                if (!used[j]) {
                    out.add(j);
                }
            }
            return out;
        }
    }
}
