package org.compresslab.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sorting nodes into dependency order, and the structural checks of {@link GraphValidator}. */
class TopologicalOrderAndValidatorTest {

    private static Graph withNodes(List<Node> nodes) {
        Graph g = new Graph();
        g.opsets().put("", 13L);
        g.addInput(new ValueInfo("x", DataType.FLOAT, Shape.of(1, 4)));
        nodes.forEach(g::addNode);
        return g;
    }

    /** A diamond with a tail: x → a → {b, c} → d → e → y, plus f reading x and e. */
    private static List<Node> diamond() {
        return List.of(
                new Node("a", "Relu", List.of("x"), List.of("va")),
                new Node("b", "Sigmoid", List.of("va"), List.of("vb")),
                new Node("c", "Tanh", List.of("va"), List.of("vc")),
                new Node("d", "Add", List.of("vb", "vc"), List.of("vd")),
                new Node("e", "Relu", List.of("vd"), List.of("ve")),
                new Node("f", "Add", List.of("x", "ve"), List.of("y")));
    }

    private static void assertProducersComeFirst(Graph g) {
        List<String> seen = new ArrayList<>(List.of("x"));
        for (Node n : g.nodes()) {
            assertThat(seen).as("inputs of %s", n.name()).containsAll(n.inputs());
            seen.addAll(n.outputs());
        }
    }

    @Test
    void sortsAShuffledGraphIntoDependencyOrder() {
        for (long seed = 0; seed < 20; seed++) {
            List<Node> nodes = new ArrayList<>(diamond());
            Collections.shuffle(nodes, new Random(seed));
            Graph g = withNodes(nodes);
            g.addOutput(new ValueInfo("y", DataType.FLOAT, Shape.of(1, 4)));
            TopologicalOrder.sort(g);
            assertThat(g.nodes()).hasSize(6);
            assertProducersComeFirst(g);
            assertThat(GraphValidator.problems(g)).isEmpty();
        }
    }

    @Test
    void anAlreadySortedGraphKeepsItsOrder() {
        // b and c, and later f, become ready together with nodes listed after them: a stable sort
        // must not move them (exporters' order is what users see, and what round trips write back)
        Graph g = withNodes(List.of(
                new Node("a", "Relu", List.of("x"), List.of("va")),
                new Node("b", "Sigmoid", List.of("va"), List.of("vb")),
                new Node("independent", "Tanh", List.of("x"), List.of("vi")),
                new Node("c", "Add", List.of("vb", "vi"), List.of("y"))));
        TopologicalOrder.sort(g);
        assertThat(g.nodes()).extracting(Node::name).containsExactly("a", "b", "independent", "c");
    }

    @Test
    void sortingMovesOnlyWhatMustMove() {
        // only "late" is out of place: it reads vb, produced after it
        Graph g = withNodes(List.of(
                new Node("a", "Relu", List.of("x"), List.of("va")),
                new Node("late", "Relu", List.of("vb"), List.of("vl")),
                new Node("b", "Sigmoid", List.of("va"), List.of("vb")),
                new Node("c", "Tanh", List.of("x"), List.of("vc"))));
        TopologicalOrder.sort(g);
        assertThat(g.nodes()).extracting(Node::name).containsExactly("a", "b", "late", "c");
    }

    @Test
    void aCycleIsReportedNamingANodeOnIt() {
        // p ↔ q form the cycle; "downstream" merely reads from it and is listed first
        Graph g = withNodes(List.of(
                new Node("downstream", "Relu", List.of("vq"), List.of("y")),
                new Node("p", "Add", List.of("x", "vq"), List.of("vp")),
                new Node("q", "Relu", List.of("vp"), List.of("vq"))));
        assertThatThrownBy(() -> TopologicalOrder.sort(g)).isInstanceOf(GraphException.class)
                .hasMessageContaining("cycle")
                .hasMessageMatching("(?s).*node '(p|q)'.*");
    }

    @Test
    void validatorAcceptsAWellFormedGraph() {
        Graph g = withNodes(diamond());
        g.addOutput(new ValueInfo("y", DataType.FLOAT, Shape.of(1, 4)));
        assertThat(GraphValidator.problems(g)).isEmpty();
    }

    @Test
    void validatorReportsAValueNothingProduces() {
        Graph g = withNodes(List.of(new Node("n", "Add", List.of("x", "ghost"), List.of("y"))));
        g.addOutput(new ValueInfo("y", DataType.FLOAT, null));
        assertThat(GraphValidator.problems(g)).containsExactly("node 'n' reads 'ghost', which nothing produces");
    }

    @Test
    void validatorReportsAValueReadBeforeItIsProduced() {
        Graph g = withNodes(List.of(new Node("first", "Relu", List.of("later"), List.of("y")),
                new Node("second", "Relu", List.of("x"), List.of("later"))));
        g.addOutput(new ValueInfo("y", DataType.FLOAT, null));
        assertThat(GraphValidator.problems(g)).singleElement().asString()
                .contains("'first' reads 'later'").contains("not in topological order");
    }

    @Test
    void validatorReportsAValueProducedTwice() {
        Graph g = withNodes(List.of(new Node("n1", "Relu", List.of("x"), List.of("y")),
                new Node("n2", "Tanh", List.of("x"), List.of("y"))));
        g.addOutput(new ValueInfo("y", DataType.FLOAT, null));
        assertThat(GraphValidator.problems(g)).containsExactly("value 'y' is produced more than once");
    }

    @Test
    void validatorReportsANodeOverwritingAnInitializerOrAnInput() {
        Graph g = withNodes(List.of(new Node("n1", "Relu", List.of("x"), List.of("w")),
                new Node("n2", "Relu", List.of("w"), List.of("x"))));
        g.putInitializer(Tensor.ofFloats("w", new long[] {1}, new float[] {1}));
        g.addOutput(new ValueInfo("w", DataType.FLOAT, null));
        assertThat(GraphValidator.problems(g)).containsExactlyInAnyOrder(
                "value 'w' is produced more than once", "value 'x' is produced more than once");
    }

    @Test
    void validatorReportsAnOutputThatIsNeverProduced() {
        Graph g = withNodes(List.of(new Node("n", "Relu", List.of("x"), List.of("y"))));
        g.addOutput(new ValueInfo("z", DataType.FLOAT, null));
        assertThat(GraphValidator.problems(g)).containsExactly("graph output 'z' is never produced");
    }

    @Test
    void validatorReportsAGraphWithoutNodesOrOutputs() {
        Graph g = withNodes(List.of());
        assertThat(GraphValidator.problems(g))
                .containsExactly("the graph has no nodes", "the graph declares no outputs");
        assertThatThrownBy(() -> GraphValidator.check(g)).isInstanceOf(GraphException.class)
                .hasMessage("invalid model: the graph has no nodes; the graph declares no outputs");
    }

    @Test
    void omittedOptionalInputsAreNotProblems() {
        Graph g = withNodes(List.of(new Node("clip", "Clip", List.of("x", "", ""), List.of("y"))));
        g.addOutput(new ValueInfo("y", DataType.FLOAT, null));
        assertThat(GraphValidator.problems(g)).isEmpty();
    }
}
