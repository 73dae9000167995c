package org.compresslab.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GraphBlock's autograd gradients agree with central finite differences, weight by weight, on small
 * graphs covering conv, batch norm (training mode), gemm, add, pooling, layer norm, matmul and softmax.
 */
class GradientCheckTest {
    private static final float EPS = 1e-2f;

    static Graph graph(String kind) {
        GraphBuilder b = new GraphBuilder(kind, 17, 11);
        switch (kind) {
            case "conv-bn-maxpool-gemm" -> {
                String x = b.input("input", 2, 6, 6);
                x = b.batchNorm(b.conv(x, 2, 3, 3, 1, 1, 1, true), 3);
                x = b.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
                x = b.op("Flatten", List.of(x));
                b.output(b.linear(x, 27, 4), 4);
            }
            case "conv-avgpool-globalpool-add" -> {
                String x = b.input("input", 2, 6, 6);
                x = b.conv(x, 2, 4, 3, 2, 1, 1, true);
                x = b.op("AveragePool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 1, 1));
                x = b.op("GlobalAveragePool", List.of(x));
                x = b.op("Flatten", List.of(x));
                String bias = b.weight("extra_bias", new long[] {1, 4}, 0.5);
                b.output(b.add(x, bias), 4);
            }
            case "matmul-layernorm-softmax" -> {
                String x = b.input("input", 3, 8);
                String w = b.weight("w", new long[] {8, 8}, 0.4);
                x = b.op("MatMul", List.of(x, w));
                float[] ones = new float[8];
                java.util.Arrays.fill(ones, 1f);
                String scale = b.weight("ln_scale", new long[] {8}, 0.3);
                String shift = b.weight("ln_bias", new long[] {8}, 0.3);
                x = b.op("LayerNormalization", List.of(x, scale, shift), Attribute.ofInt("axis", -1),
                        Attribute.ofFloat("epsilon", 1e-5f));
                x = b.op("Softmax", List.of(x), Attribute.ofInt("axis", -1));
                b.output(x, 3, 8);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return b.graph();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv-bn-maxpool-gemm", "conv-avgpool-globalpool-add", "matmul-layernorm-softmax"})
    void autogradMatchesFiniteDifferences(String kind) {
        Graph g = graph(kind);
        long[] inShape = kind.startsWith("matmul") ? new long[] {2, 3, 8} : new long[] {3, 2, 6, 6};
        float[] input = GraphBlockTest.randomInput(inShape, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(g);
            block.initialize(manager, DataType.FLOAT32, new Shape(inShape));
            long[] outShape = block.getOutputShapes(new Shape[] {new Shape(inShape)})[0].getShape();
            float[] mix = GraphBlockTest.randomInput(outShape, 4);
            int checked = 0;
            for (var e : block.trainableParameters().entrySet()) {
                Parameter p = e.getValue();
                float[] analytic;
                try (NDManager sub = manager.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.zeroGradients();
                    NDArray loss = loss(block, sub, input, inShape, mix, outShape);
                    gc.backward(loss);
                    analytic = p.getArray().getGradient().toFloatArray();
                }
                float[] w = p.getArray().toFloatArray();
                Random r = new Random(e.getKey().hashCode());
                for (int k = 0; k < Math.min(5, w.length); k++) {
                    int i = r.nextInt(w.length);
                    float numeric = (lossAt(block, manager, p, w, i, EPS, input, inShape, mix, outShape)
                            - lossAt(block, manager, p, w, i, -EPS, input, inShape, mix, outShape)) / (2 * EPS);
                    assertThat((double) analytic[i]).as("%s[%d] of %s", e.getKey(), i, kind)
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 3e-2 * Math.abs(numeric)));
                    checked++;
                }
                p.getArray().set(w);
            }
            assertThat(checked).isGreaterThan(8);
        }
    }

    private static NDArray loss(GraphBlock block, NDManager m, float[] input, long[] inShape, float[] mix, long[] outShape) {
        NDArray x = m.create(input, new Shape(inShape));
        NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        return out.mul(m.create(mix, new Shape(outShape))).sum();
    }

    private static float lossAt(GraphBlock block, NDManager manager, Parameter p, float[] w, int i, float delta,
                                float[] input, long[] inShape, float[] mix, long[] outShape) {
        float[] moved = w.clone();
        moved[i] += delta;
        p.getArray().set(moved);
        try (NDManager sub = manager.newSubManager()) {
            return loss(block, sub, input, inShape, mix, outShape).getFloat();
        } finally {
            p.getArray().set(w);
        }
    }

}
