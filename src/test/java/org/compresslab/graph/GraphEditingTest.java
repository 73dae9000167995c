package org.compresslab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Editing a graph: replacing, inserting and rewiring nodes, naming, copying, and tensor edits. */
class GraphEditingTest {

    /** x → a:Relu → r → b:Sigmoid → s → c:Tanh → out (graph output), plus an unused initializer. */
    private static Graph chain() {
        Graph g = new Graph();
        g.opsets().put("", 13L);
        g.addInput(new ValueInfo("x", DataType.FLOAT, Shape.of(1, 4)));
        g.addNode(new Node("a", "Relu", List.of("x"), List.of("r")));
        g.addNode(new Node("b", "Sigmoid", List.of("r"), List.of("s")));
        g.addNode(new Node("c", "Tanh", List.of("s"), List.of("out")));
        g.addOutput(new ValueInfo("out", DataType.FLOAT, Shape.of(1, 4)));
        return g;
    }

    private static List<String> names(Graph g) {
        return g.nodes().stream().map(Node::name).toList();
    }

    @Test
    void replaceNodePutsTheReplacementWhereTheOldNodeWas() {
        Graph g = chain();
        Node b = g.node("b").orElseThrow();
        g.replaceNode(b, List.of(new Node("b1", "Mul", List.of("r", "r"), List.of("m")),
                new Node("b2", "Sigmoid", List.of("m"), List.of("s"))));
        assertThat(names(g)).containsExactly("a", "b1", "b2", "c");
        assertThat(GraphValidator.problems(g)).isEmpty();
    }

    @Test
    void replacingANodeNotInTheGraphFails() {
        Graph g = chain();
        Node stranger = new Node("b", "Sigmoid", List.of("r"), List.of("s"));
        // same name and content is not enough: nodes are matched by identity
        assertThatThrownBy(() -> g.replaceNode(stranger, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the graph");
    }

    @Test
    void insertBeforeAndAfterPlaceTheNodeNextToTheAnchor() {
        Graph g = chain();
        Node b = g.node("b").orElseThrow();
        g.insertBefore(b, new Node("before_b", "Identity", List.of("r"), List.of("r2")));
        g.insertAfter(b, new Node("after_b", "Identity", List.of("s"), List.of("s2")));
        g.insertAfter(g.node("c").orElseThrow(), new Node("last", "Identity", List.of("out"), List.of("o2")));
        assertThat(names(g)).containsExactly("a", "before_b", "b", "after_b", "c", "last");
    }

    @Test
    void producerAndConsumersFollowValueNames() {
        Graph g = chain();
        g.addNode(new Node("d", "Add", List.of("r", "r"), List.of("rr")));
        assertThat(g.producer("r")).map(Node::name).contains("a");
        assertThat(g.producer("x")).isEmpty();
        // a node reading r twice is one consumer
        assertThat(g.consumers("r")).extracting(Node::name).containsExactly("b", "d");
        assertThat(g.consumers("out")).isEmpty();
    }

    @Test
    void rewireConsumersMovesReadersAndGraphOutputsButNotTheExcepted() {
        Graph g = chain();
        // insert a Clip after c: it reads "out" and produces "clipped", which everyone else should now read
        Node c = g.node("c").orElseThrow();
        Node clip = new Node("clip", "Clip", List.of("out"), List.of("clipped"));
        g.insertAfter(c, clip);
        g.addNode(new Node("reader", "Relu", List.of("out"), List.of("z")));
        g.rewireConsumers("out", "clipped", clip);
        assertThat(clip.inputs()).containsExactly("out");
        assertThat(g.node("reader").orElseThrow().inputs()).containsExactly("clipped");
        assertThat(g.outputs()).extracting(ValueInfo::name).containsExactly("clipped");
        assertThat(g.outputs().get(0).shape()).isEqualTo(Shape.of(1, 4));
        assertThat(GraphValidator.problems(g)).isEmpty();
    }

    @Test
    void rewireConsumersReplacesEveryUseInANode() {
        Graph g = chain();
        Node mul = new Node("sq", "Mul", List.of("r", "r"), List.of("r2"));
        g.addNode(mul);
        g.rewireConsumers("r", "x");
        assertThat(mul.inputs()).containsExactly("x", "x");
        assertThat(g.node("b").orElseThrow().inputs()).containsExactly("x");
    }

    @Test
    void uniqueNameAvoidsNodeValueInitializerAndInputNames() {
        Graph g = chain();
        g.putInitializer(Tensor.ofFloats("w", new long[] {1}, new float[] {1}));
        assertThat(g.uniqueName("fresh")).isEqualTo("fresh");
        assertThat(g.uniqueName("a")).isEqualTo("a_1");
        assertThat(g.uniqueName("r")).isEqualTo("r_1");
        assertThat(g.uniqueName("w")).isEqualTo("w_1");
        assertThat(g.uniqueName("x")).isEqualTo("x_1");
        g.addNode(new Node("a_1", "Identity", List.of("x"), List.of("a_2")));
        assertThat(g.uniqueName("a")).isEqualTo("a_3");
    }

    @Test
    void removeUnusedInitializersKeepsReadAndOutputTensors() {
        Graph g = chain();
        g.putInitializer(Tensor.ofFloats("used", new long[] {1}, new float[] {1}));
        g.putInitializer(Tensor.ofFloats("unused", new long[] {1}, new float[] {1}));
        g.putInitializer(Tensor.ofFloats("exported", new long[] {1}, new float[] {1}));
        g.addNode(new Node("m", "Mul", List.of("x", "used"), List.of("xm")));
        g.addOutput(new ValueInfo("exported", DataType.FLOAT, Shape.of(1)));
        assertThat(g.removeUnusedInitializers()).isEqualTo(1);
        assertThat(g.initializers().keySet()).containsExactly("used", "exported");
    }

    @Test
    void removeUnusedInitializersAlsoDropsTheirGraphInputDeclarations() {
        // older ONNX models list initializers among the graph inputs; once the tensor is gone, the
        // declaration must go too, or the model would ask its caller to feed a value nobody reads
        Graph g = chain();
        g.putInitializer(Tensor.ofFloats("stale", new long[] {2}, new float[] {1, 2}));
        g.addInput(new ValueInfo("stale", DataType.FLOAT, Shape.of(2)));
        assertThat(g.runtimeInputs()).extracting(ValueInfo::name).containsExactly("x");
        g.removeUnusedInitializers();
        assertThat(g.inputs()).extracting(ValueInfo::name).containsExactly("x");
        assertThat(g.runtimeInputs()).extracting(ValueInfo::name).containsExactly("x");
    }

    @Test
    void copyIsDeepForNodes() {
        Graph g = chain();
        g.node("a").orElseThrow().setAttribute(Attribute.ofInt("k", 1));
        g.metadata().put("key", "v");
        Graph c = g.copy();
        Node ca = c.node("a").orElseThrow();
        ca.setInput(0, "changed");
        ca.setName("renamed");
        ca.setAttribute(Attribute.ofInt("k", 2));
        c.node("b").orElseThrow().setOutput(0, "s_new");
        c.removeNode(c.node("c").orElseThrow());
        c.metadata().put("key", "w");
        c.opsets().put("", 17L);

        Node a = g.node("a").orElseThrow();
        assertThat(a.inputs()).containsExactly("x");
        assertThat(a.intAttr("k", 0)).isEqualTo(1);
        assertThat(g.node("b").orElseThrow().outputs()).containsExactly("s");
        assertThat(names(g)).containsExactly("a", "b", "c");
        assertThat(g.metadata()).containsEntry("key", "v");
        assertThat(g.opsetVersion()).isEqualTo(13);
        assertThat(names(c)).containsExactly("renamed", "b");
    }

    @Test
    void copyKeepsEverythingElse() {
        Graph g = chain();
        g.setName("net");
        g.setIrVersion(7);
        g.setProducerName("p");
        g.setDocString("doc");
        g.putInitializer(Tensor.ofFloats("w", new long[] {1}, new float[] {3}));
        g.putValueInfo(new ValueInfo("r", DataType.FLOAT, Shape.of(1, 4)));
        Graph c = g.copy();
        assertThat(c.name()).isEqualTo("net");
        assertThat(c.irVersion()).isEqualTo(7);
        assertThat(c.producerName()).isEqualTo("p");
        assertThat(c.docString()).isEqualTo("doc");
        assertThat(c.initializers()).containsOnlyKeys("w");
        assertThat(c.valueInfos()).containsOnlyKeys("r");
        assertThat(c.inputs()).isEqualTo(g.inputs());
        assertThat(c.outputs()).isEqualTo(g.outputs());
    }

    // ---- TensorEdits ---------------------------------------------------------------------------

    /** [3, 2, 2] with elements 0..11: channel c holds 4c .. 4c+3. */
    private static Tensor t322() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i;
        }
        return Tensor.ofFloats("w", new long[] {3, 2, 2}, v);
    }

    @Test
    void keepIndicesOnAxis0KeepsWholeSlicesInTheGivenOrder() {
        // slice 2 = {8,9,10,11}, slice 0 = {0,1,2,3}
        Tensor t = TensorEdits.keepIndices(t322(), 0, new int[] {2, 0});
        assertThat(t.dims()).containsExactly(2, 2, 2);
        assertThat(t.toFloats()).containsExactly(8, 9, 10, 11, 0, 1, 2, 3);
        assertThat(t.name()).isEqualTo("w");
    }

    @Test
    void keepIndicesOnAxis1KeepsRowsInsideEverySlice() {
        // rows: slice 0 {0,1 | 2,3}, slice 1 {4,5 | 6,7}, slice 2 {8,9 | 10,11}; keep row 1 of each
        Tensor t = TensorEdits.keepIndices(t322(), 1, new int[] {1});
        assertThat(t.dims()).containsExactly(3, 1, 2);
        assertThat(t.toFloats()).containsExactly(2, 3, 6, 7, 10, 11);
    }

    @Test
    void dropIndicesOnAxis0And1() {
        assertThat(TensorEdits.dropIndices(t322(), 0, new int[] {1}).toFloats())
                .containsExactly(0, 1, 2, 3, 8, 9, 10, 11);
        // drop column 0 on axis 1 of a [2,3] int64 matrix {{1,2,3},{4,5,6}} → {{2,3},{5,6}}
        Tensor m = Tensor.ofLongs("m", new long[] {2, 3}, new long[] {1, 2, 3, 4, 5, 6});
        Tensor d = TensorEdits.dropIndices(m, 1, new int[] {0, 0});
        assertThat(d.dims()).containsExactly(2, 2);
        assertThat(d.toLongs()).containsExactly(2, 3, 5, 6);
    }

    @Test
    void keepIndicesWorksOnOneByteAndHalfTypes() {
        Tensor q = Tensor.ofBytes("q", DataType.INT8, new long[] {2, 3}, new byte[] {1, -2, 3, -4, 5, -6});
        assertThat(TensorEdits.keepIndices(q, 1, new int[] {2, 1}).toLongs()).containsExactly(3, -2, -6, 5);
        Tensor h = Tensor.ofFloat16("h", new long[] {2, 2}, new float[] {0.5f, 1.5f, 2.5f, 3.5f});
        assertThat(TensorEdits.keepIndices(h, 0, new int[] {1}).toFloats()).containsExactly(2.5f, 3.5f);
    }

    @Test
    void outOfRangeIndicesAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> TensorEdits.keepIndices(t322(), 1, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 2 out of range for axis 1");
        assertThatThrownBy(() -> TensorEdits.keepIndices(t322(), 3, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis 3");
        assertThatThrownBy(() -> TensorEdits.dropIndices(t322(), 0, new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 3 out of range for axis 0");
        assertThatThrownBy(() -> TensorEdits.dropIndices(t322(), 0, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void reshapeKeepsTheBytesAndChecksTheCount() {
        Tensor t = TensorEdits.reshape(t322(), 4, 3);
        assertThat(t.dims()).containsExactly(4, 3);
        assertThat(t.rawData()).isEqualTo(t322().rawData());
        assertThatThrownBy(() -> TensorEdits.reshape(t322(), 5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 40");
    }
}
