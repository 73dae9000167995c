package org.compresslab.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule in {@link OpShapeRules}, through {@link ShapeInference}, against shapes worked out by hand. */
class OpShapeRulesTest {

    /** A tiny graph under construction: fixed-shape inputs, int64 constants and single nodes. */
    static final class G {
        final Graph g = new Graph();

        G(long opset) {
            g.opsets().put("", opset);
        }

        G in(String name, long... dims) {
            return in(name, DataType.FLOAT, dims);
        }

        G in(String name, DataType type, long... dims) {
            g.addInput(new ValueInfo(name, type, Shape.of(dims)));
            return this;
        }

        /** A 1-D int64 initializer. */
        G longs(String name, long... values) {
            g.putInitializer(Tensor.ofLongs(name, new long[] {values.length}, values));
            return this;
        }

        /** A 0-D (scalar) int64 initializer. */
        G scalar(String name, long value) {
            g.putInitializer(Tensor.ofLongs(name, new long[0], new long[] {value}));
            return this;
        }

        /** A float initializer of zeros. */
        G weight(String name, long... dims) {
            int n = 1;
            for (long d : dims) {
                n *= (int) d;
            }
            g.putInitializer(Tensor.ofFloats(name, dims, new float[n]));
            return this;
        }

        G init(Tensor t) {
            g.putInitializer(t);
            return this;
        }

        Node node(String op, List<String> ins, List<String> outs, Attribute... attrs) {
            Node n = new Node(outs.get(0), op, ins, outs);
            for (Attribute a : attrs) {
                n.setAttribute(a);
            }
            g.addNode(n);
            return n;
        }

        G op(String op, List<String> ins, String out, Attribute... attrs) {
            node(op, ins, List.of(out), attrs);
            return this;
        }

        ShapeInferenceResult infer() {
            return ShapeInference.infer(g, 1);
        }

        /** Infers, checks nothing went wrong, and returns the dims of {@code value}. */
        long[] dims(String value) {
            ShapeInferenceResult r = infer();
            assertThat(r.problems()).isEmpty();
            return r.dims(value);
        }
    }

    private static Attribute ints(String name, long... v) {
        return Attribute.ofInts(name, v);
    }

    private static Attribute i(String name, long v) {
        return Attribute.ofInt(name, v);
    }

    @Nested
    class Convolution {
        @Test
        void groupedConvDividesInputChannelsAmongGroups() {
            // x 8 channels, group 2 → weight [16, 8/2 = 4, 3, 3]; pad 1 keeps 10×10
            G t = new G(13).in("x", 1, 8, 10, 10).weight("w", 16, 4, 3, 3)
                    .op("Conv", List.of("x", "w"), "y", i("group", 2), ints("pads", 1, 1, 1, 1));
            assertThat(t.dims("y")).containsExactly(1, 16, 10, 10);
            // MACs 16·10·10 = 1,600 outputs × (4·3·3 = 36) = 57,600
            assertThat(MacCounter.macs(t.g.nodes().get(0), t.infer())).isEqualTo(57_600);
        }

        @Test
        void depthwiseConvWithStrideTwoHalvesTheMap() {
            // (10 + 1 + 1 − 3)/2 + 1 = 4 + 1 = 5
            G t = new G(13).in("x", 1, 8, 10, 10).weight("w", 8, 1, 3, 3)
                    .op("Conv", List.of("x", "w"), "y", i("group", 8), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
            assertThat(t.dims("y")).containsExactly(1, 8, 5, 5);
            // 8·5·5 = 200 outputs × (1·3·3) = 1,800
            assertThat(MacCounter.macs(t.g.nodes().get(0), t.infer())).isEqualTo(1_800);
        }

        @Test
        void dilationWidensTheEffectiveKernel() {
            // effective kernel (3 − 1)·2 + 1 = 5 → 10 − 5 + 1 = 6
            G t = new G(13).in("x", 1, 1, 10, 10).weight("w", 1, 1, 3, 3)
                    .op("Conv", List.of("x", "w"), "y", ints("dilations", 2, 2));
            assertThat(t.dims("y")).containsExactly(1, 1, 6, 6);
        }

        @Test
        void asymmetricPadsApplyBeginAndEndPerAxis() {
            // pads [top 0, left 1, bottom 2, right 3]: H 10 + 0 + 2 − 3 + 1 = 10, W 10 + 1 + 3 − 3 + 1 = 12
            G t = new G(13).in("x", 1, 1, 10, 10).weight("w", 1, 1, 3, 3)
                    .op("Conv", List.of("x", "w"), "y", ints("pads", 0, 1, 2, 3));
            assertThat(t.dims("y")).containsExactly(1, 1, 10, 12);
        }

        @Test
        void autoPadSameUpperAndLowerGiveCeilOfInputOverStride() {
            // ceil(7 / 2) = 4 whatever the kernel
            for (String mode : List.of("SAME_UPPER", "SAME_LOWER")) {
                G t = new G(13).in("x", 1, 1, 7, 7).weight("w", 1, 1, 3, 3)
                        .op("Conv", List.of("x", "w"), "y", ints("strides", 2, 2), Attribute.ofString("auto_pad", mode));
                assertThat(t.dims("y")).as(mode).containsExactly(1, 1, 4, 4);
            }
        }

        @Test
        void autoPadValidUsesNoPadding() {
            // (7 − 3)/2 + 1 = 3
            G t = new G(13).in("x", 1, 1, 7, 7).weight("w", 1, 1, 3, 3)
                    .op("Conv", List.of("x", "w"), "y", ints("strides", 2, 2), Attribute.ofString("auto_pad", "VALID"));
            assertThat(t.dims("y")).containsExactly(1, 1, 3, 3);
        }

        @Test
        void oneDimensionalConvWorksToo() {
            // 20 − 5 + 1 = 16
            G t = new G(13).in("x", 1, 4, 20).weight("w", 6, 4, 5).op("Conv", List.of("x", "w"), "y");
            assertThat(t.dims("y")).containsExactly(1, 6, 16);
        }

        @Test
        void channelMismatchIsAProblemNamingTheNode() {
            G t = new G(13).in("x", 1, 3, 8, 8).weight("w", 4, 2, 3, 3);
            t.g.addNode(new Node("conv_bad", "Conv", List.of("x", "w"), List.of("y")));
            ShapeInferenceResult r = t.infer();
            assertThat(r.dims("y")).isNull();
            assertThat(r.problems()).singleElement().asString()
                    .contains("conv_bad").contains("3 channels").contains("weight expects 2");
        }
    }

    @Nested
    class Pooling {
        @Test
        void maxPoolCeilModeRoundsTheWindowCountUp() {
            // floor: (6 − 3)/2 + 1 = 2; ceil: ceil(3/2) + 1 = 3
            G floor = new G(13).in("x", 1, 2, 6, 6)
                    .op("MaxPool", List.of("x"), "y", ints("kernel_shape", 3, 3), ints("strides", 2, 2));
            G ceil = new G(13).in("x", 1, 2, 6, 6)
                    .op("MaxPool", List.of("x"), "y", ints("kernel_shape", 3, 3), ints("strides", 2, 2), i("ceil_mode", 1));
            assertThat(floor.dims("y")).containsExactly(1, 2, 2, 2);
            assertThat(ceil.dims("y")).containsExactly(1, 2, 3, 3);
        }

        @Test
        void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
            // 5, k2, s2, pads 1/1: ceil((5 + 2 − 2)/2) + 1 = 4, but window 4 starts at 3·2 = 6 ≥ 5 + 1 → 3
            G t = new G(13).in("x", 1, 1, 5, 5).op("MaxPool", List.of("x"), "y", ints("kernel_shape", 2, 2),
                    ints("strides", 2, 2), ints("pads", 1, 1, 1, 1), i("ceil_mode", 1));
            assertThat(t.dims("y")).containsExactly(1, 1, 3, 3);
        }

        @Test
        void averagePoolCeilModeKeepsAPartialLastWindow() {
            // floor (7 − 2)/2 + 1 = 3; ceil: ceil(5/2) + 1 = 4 (window 4 starts at 6 < 7)
            G t = new G(13).in("x", 1, 3, 7, 7).op("AveragePool", List.of("x"), "y", ints("kernel_shape", 2, 2),
                    ints("strides", 2, 2), i("ceil_mode", 1));
            assertThat(t.dims("y")).containsExactly(1, 3, 4, 4);
        }

        @Test
        void maxPoolIndicesOutputHasTheSameShapeAsInt64() {
            G t = new G(13).in("x", 1, 2, 6, 6);
            t.node("MaxPool", List.of("x"), List.of("y", "idx"), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
            ShapeInferenceResult r = t.infer();
            assertThat(r.dims("idx")).containsExactly(1, 2, 3, 3);
            assertThat(r.value("idx").orElseThrow().type()).isEqualTo(DataType.INT64);
        }

        @Test
        void globalAveragePoolLeavesOneByOne() {
            G t = new G(13).in("x", 1, 32, 7, 7).op("GlobalAveragePool", List.of("x"), "y");
            assertThat(t.dims("y")).containsExactly(1, 32, 1, 1);
        }

        @Test
        void poolingWithoutKernelShapeIsAProblem() {
            G t = new G(13).in("x", 1, 1, 4, 4).op("MaxPool", List.of("x"), "y");
            assertThat(t.infer().problems()).singleElement().asString().contains("kernel_shape");
        }
    }

    @Nested
    class ShapeOps {
        @Test
        void flattenJoinsDimensionsBeforeAndAfterTheAxis() {
            // [2,3,4,5]: axis 2 → [2·3, 4·5]; axis 0 → [1, 120]; axis −1 → [2·3·4, 5]; default axis 1 → [2, 60]
            assertThat(flatten(2)).containsExactly(6, 20);
            assertThat(flatten(0)).containsExactly(1, 120);
            assertThat(flatten(-1)).containsExactly(24, 5);
            G t = new G(13).in("x", 2, 3, 4, 5).op("Flatten", List.of("x"), "y");
            assertThat(t.dims("y")).containsExactly(2, 60);
        }

        private long[] flatten(long axis) {
            return new G(13).in("x", 2, 3, 4, 5).op("Flatten", List.of("x"), "y", i("axis", axis)).dims("y");
        }

        @Test
        void reshapeCopiesZerosAndInfersMinusOne() {
            // [2,3,4] to [0, −1]: 0 copies 2, −1 = 24/2 = 12
            assertThat(new G(13).in("x", 2, 3, 4).longs("s", 0, -1).op("Reshape", List.of("x", "s"), "y").dims("y"))
                    .containsExactly(2, 12);
            // [2,3,4] to [4, 0, −1]: 0 copies 3, −1 = 24/(4·3) = 2
            assertThat(new G(13).in("x", 2, 3, 4).longs("s", 4, 0, -1).op("Reshape", List.of("x", "s"), "y").dims("y"))
                    .containsExactly(4, 3, 2);
        }

        @Test
        void reshapeAllowZeroKeepsALiteralZero() {
            // x [0, 5] to [5, 0]: with allowzero the 0 is a real zero-size dim (0 elements either way)
            G allow = new G(14).in("x", 0, 5).longs("s", 5, 0).op("Reshape", List.of("x", "s"), "y", i("allowzero", 1));
            assertThat(allow.dims("y")).containsExactly(5, 0);
            // without allowzero the 0 copies x's dim 1 (5) → [5, 5] = 25 elements ≠ 0: a problem
            G copy = new G(14).in("x", 0, 5).longs("s", 5, 0).op("Reshape", List.of("x", "s"), "y");
            assertThat(copy.infer().problems()).singleElement().asString().contains("cannot reshape");
        }

        @Test
        void reshapeWithWrongElementCountIsAProblem() {
            G t = new G(13).in("x", 2, 3).longs("s", 4, 2).op("Reshape", List.of("x", "s"), "y");
            assertThat(t.infer().problems()).singleElement().asString().contains("6 elements");
        }

        @Test
        void reshapeWithAComputedShapeIsUnknownNotWrong() {
            G t = new G(13).in("x", 2, 3).in("s", DataType.INT64, 2).op("Reshape", List.of("x", "s"), "y");
            assertThat(t.dims("y")).isNull();
        }

        @Test
        void transposeFollowsPermOrReversesByDefault() {
            assertThat(new G(13).in("x", 1, 2, 3, 4).op("Transpose", List.of("x"), "y", ints("perm", 0, 2, 3, 1))
                    .dims("y")).containsExactly(1, 3, 4, 2);
            assertThat(new G(13).in("x", 1, 2, 3, 4).op("Transpose", List.of("x"), "y").dims("y"))
                    .containsExactly(4, 3, 2, 1);
        }

        @Test
        void squeezeAttributeFormOpset11() {
            assertThat(new G(11).in("x", 2, 1, 3, 1).op("Squeeze", List.of("x"), "y", ints("axes", 1)).dims("y"))
                    .containsExactly(2, 3, 1);
            assertThat(new G(11).in("x", 2, 1, 3, 1).op("Squeeze", List.of("x"), "y", ints("axes", -1)).dims("y"))
                    .containsExactly(2, 1, 3);
            // no axes: every dimension of size 1 goes
            assertThat(new G(11).in("x", 2, 1, 3, 1).op("Squeeze", List.of("x"), "y").dims("y"))
                    .containsExactly(2, 3);
        }

        @Test
        void squeezeInputFormOpset13() {
            assertThat(new G(13).in("x", 2, 1, 3, 1).longs("axes", 1, 3).op("Squeeze", List.of("x", "axes"), "y")
                    .dims("y")).containsExactly(2, 3);
        }

        @Test
        void unsqueezeAttributeFormOpset11() {
            // axes index the output (rank 4): [1, 2, 3, 1]
            assertThat(new G(11).in("x", 2, 3).op("Unsqueeze", List.of("x"), "y", ints("axes", 0, 3)).dims("y"))
                    .containsExactly(1, 2, 3, 1);
        }

        @Test
        void unsqueezeInputFormOpset13WithNegativeAxis() {
            // −1 in the rank-3 output is axis 2
            assertThat(new G(13).in("x", 2, 3).longs("axes", -1).op("Unsqueeze", List.of("x", "axes"), "y").dims("y"))
                    .containsExactly(2, 3, 1);
        }

        @Test
        void concatAddsTheAxisAndChecksTheRest() {
            assertThat(new G(13).in("a", 1, 2, 4).in("b", 1, 3, 4).op("Concat", List.of("a", "b"), "y", i("axis", 1))
                    .dims("y")).containsExactly(1, 5, 4);
            assertThat(new G(13).in("a", 1, 2, 4).in("b", 1, 3, 4).op("Concat", List.of("a", "b"), "y", i("axis", -2))
                    .dims("y")).containsExactly(1, 5, 4);
            G bad = new G(13).in("a", 1, 2, 4).in("b", 1, 3, 5).op("Concat", List.of("a", "b"), "y", i("axis", 1));
            assertThat(bad.infer().problems()).singleElement().asString().contains("differ in dimension 2");
        }
    }

    @Nested
    class SplitAndSlice {
        private G splitInput(long opset) {
            return new G(opset).in("x", 1, 6, 5);
        }

        @Test
        void splitAttributeSizesOpset11() {
            G t = splitInput(11);
            t.node("Split", List.of("x"), List.of("a", "b"), i("axis", 1), ints("split", 2, 4));
            ShapeInferenceResult r = t.infer();
            assertThat(r.dims("a")).containsExactly(1, 2, 5);
            assertThat(r.dims("b")).containsExactly(1, 4, 5);
        }

        @Test
        void splitInputSizesOpset13() {
            G t = splitInput(13).longs("sizes", 1, 2, 3);
            t.node("Split", List.of("x", "sizes"), List.of("a", "b", "c"), i("axis", 1));
            ShapeInferenceResult r = t.infer();
            assertThat(r.problems()).isEmpty();
            assertThat(r.dims("a")).containsExactly(1, 1, 5);
            assertThat(r.dims("b")).containsExactly(1, 2, 5);
            assertThat(r.dims("c")).containsExactly(1, 3, 5);
        }

        @Test
        void splitWithoutSizesSplitsEquallyAmongOutputs() {
            G t = splitInput(13);
            t.node("Split", List.of("x"), List.of("a", "b", "c"), i("axis", 1));
            ShapeInferenceResult r = t.infer();
            // 6 / 3 = 2 each
            assertThat(r.dims("a")).containsExactly(1, 2, 5);
            assertThat(r.dims("b")).containsExactly(1, 2, 5);
            assertThat(r.dims("c")).containsExactly(1, 2, 5);
        }

        @Test
        void splitNumOutputsOpset18MakesTheLastChunkSmaller() {
            // 7 in 3: chunk ceil(7/3) = 3 → 3, 3, 1
            G t = new G(18).in("x", 7, 2);
            t.node("Split", List.of("x"), List.of("a", "b", "c"), i("num_outputs", 3));
            ShapeInferenceResult r = t.infer();
            assertThat(r.dims("a")).containsExactly(3, 2);
            assertThat(r.dims("b")).containsExactly(3, 2);
            assertThat(r.dims("c")).containsExactly(1, 2);
        }

        @Test
        void sliceAttributeFormOpset9() {
            // axis 1: [1, 3) → 2
            assertThat(new G(9).in("x", 4, 5, 6)
                    .op("Slice", List.of("x"), "y", ints("starts", 1), ints("ends", 3), ints("axes", 1)).dims("y"))
                    .containsExactly(4, 2, 6);
            // negative indices, no axes (axis i = i): [−3, −1) of 4 = [1, 3) → 2
            assertThat(new G(9).in("x", 4, 5, 6).op("Slice", List.of("x"), "y", ints("starts", -3), ints("ends", -1))
                    .dims("y")).containsExactly(2, 5, 6);
        }

        @Test
        void sliceInputFormWithStepsAndNegativeIndices() {
            // axis 1: [0, INT64_MAX) step 2 of 5 → 0, 2, 4 = 3
            // axis 2: from −1 (= 5) to INT64_MIN step −1 of 6 → 5, 4, 3, 2, 1, 0 = 6 (reversed)
            G t = new G(13).in("x", 4, 5, 6).longs("starts", 0, -1).longs("ends", Long.MAX_VALUE, Long.MIN_VALUE)
                    .longs("axes", 1, 2).longs("steps", 2, -1)
                    .op("Slice", List.of("x", "starts", "ends", "axes", "steps"), "y");
            assertThat(t.dims("y")).containsExactly(4, 3, 6);
        }

        @Test
        void sliceWithNegativeStepFromBeforeTheStartTakesTheFirstElement() {
            // dim 10, start −100 clamps to 0 for negative stepping (ONNX: starts in [0, dim − 1]), end −1000 to −1:
            // elements 0 only → 1
            G t = new G(13).in("x", 10).longs("starts", -100).longs("ends", -1000).longs("axes", 0).longs("steps", -1)
                    .op("Slice", List.of("x", "starts", "ends", "axes", "steps"), "y");
            assertThat(t.dims("y")).containsExactly(1);
            // an empty dimension stays empty whatever the clamping
            G empty = new G(13).in("x", 0).longs("starts", -100).longs("ends", -1000).longs("axes", 0)
                    .longs("steps", -1).op("Slice", List.of("x", "starts", "ends", "axes", "steps"), "y");
            assertThat(empty.dims("y")).containsExactly(0);
        }

        @Test
        void sliceWithOpset10InputsAndDefaultAxes() {
            // no axes/steps inputs: axes 0.., step 1; axis 0 [1, 3) → 2, axis 1 [−2, INT64_MAX) of 5 → 2
            G t = new G(10).in("x", 4, 5, 6).longs("starts", 1, -2).longs("ends", 3, Long.MAX_VALUE)
                    .op("Slice", List.of("x", "starts", "ends"), "y");
            assertThat(t.dims("y")).containsExactly(2, 2, 6);
        }

        @Test
        void sliceWithAnAxesInputOfUnknownValueIsUnknownNotGuessed() {
            // "axes" is computed from an input of unknown shape: nothing is known about it, so the output
            // shape is unknown too (not the default-axes guess [1, 5, 6])
            G t = new G(13).in("x", 4, 5, 6).longs("starts", 0).longs("ends", 1);
            t.g.addInput(new ValueInfo("a", DataType.INT64, null));
            t.op("Identity", List.of("a"), "axes").op("Slice", List.of("x", "starts", "ends", "axes"), "y");
            ShapeInferenceResult r = t.infer();
            assertThat(r.value("axes")).isEmpty();
            assertThat(r.dims("y")).isNull();
        }

        @Test
        void sliceOfAShapeFoldsTheConstant() {
            // Shape [2,3,4,5] sliced [1, 3) → constant [3, 4]
            G t = new G(13).in("x", 2, 3, 4, 5).longs("s", 1).longs("e", 3).longs("a", 0)
                    .op("Shape", List.of("x"), "shape").op("Slice", List.of("shape", "s", "e", "a"), "y");
            InferredValue y = t.infer().value("y").orElseThrow();
            assertThat(y.dims()).containsExactly(2);
            assertThat(y.constant()).containsExactly(3, 4);
        }
    }

    @Nested
    class LinearAlgebra {
        @Test
        void gemmTransBReadsTheWeightAsOutByIn() {
            G t = new G(13).in("a", 4, 8).weight("b", 16, 8).op("Gemm", List.of("a", "b"), "y", i("transB", 1));
            assertThat(t.dims("y")).containsExactly(4, 16);
            // 4·16 outputs × K 8 = 512
            assertThat(MacCounter.macs(t.g.nodes().get(0), t.infer())).isEqualTo(512);
        }

        @Test
        void gemmTransAReadsTheInputTransposed() {
            G t = new G(13).in("a", 8, 4).weight("b", 8, 16).op("Gemm", List.of("a", "b"), "y", i("transA", 1));
            assertThat(t.dims("y")).containsExactly(4, 16);
            // K is a's dim 0 when transposed: 64 × 8 = 512
            assertThat(MacCounter.macs(t.g.nodes().get(0), t.infer())).isEqualTo(512);
        }

        @Test
        void gemmWithMismatchedInnerDimensionsIsAProblem() {
            G t = new G(13).in("a", 4, 8).weight("b", 16, 7).op("Gemm", List.of("a", "b"), "y", i("transB", 1));
            assertThat(t.infer().problems()).singleElement().asString().contains("8 vs 7");
        }

        @Test
        void matmulBroadcastsBatchDimensions() {
            // batch [2,1] with [5] → [2,5]; matrices 3×4 · 4×6 → 3×6
            G t = new G(13).in("a", 2, 1, 3, 4).weight("b", 5, 4, 6).op("MatMul", List.of("a", "b"), "y");
            assertThat(t.dims("y")).containsExactly(2, 5, 3, 6);
            // 2·5·3·6 = 180 outputs × K 4 = 720
            assertThat(MacCounter.macs(t.g.nodes().get(0), t.infer())).isEqualTo(720);
        }

        @Test
        void matmulWithOneDimensionalOperandsDropsTheAddedAxis() {
            assertThat(new G(13).in("a", 4).weight("b", 2, 4, 6).op("MatMul", List.of("a", "b"), "y").dims("y"))
                    .containsExactly(2, 6);
            assertThat(new G(13).in("a", 2, 3, 4).weight("b", 4).op("MatMul", List.of("a", "b"), "y").dims("y"))
                    .containsExactly(2, 3);
            assertThat(new G(13).in("a", 4).weight("b", 4).op("MatMul", List.of("a", "b"), "y").dims("y"))
                    .isEmpty();
        }
    }

    @Nested
    class PaddingAndReduction {
        @Test
        void padInputFormOpset11() {
            // pads [0,0,1,2, 0,0,3,4]: H 4 + 1 + 3 = 8, W 4 + 2 + 4 = 10
            G t = new G(11).in("x", 1, 3, 4, 4).longs("pads", 0, 0, 1, 2, 0, 0, 3, 4)
                    .op("Pad", List.of("x", "pads"), "y");
            assertThat(t.dims("y")).containsExactly(1, 3, 8, 10);
        }

        @Test
        void padAttributeFormOpset2() {
            G t = new G(2).in("x", 1, 3, 4, 4).op("Pad", List.of("x"), "y", ints("pads", 0, 0, 1, 2, 0, 0, 3, 4));
            assertThat(t.dims("y")).containsExactly(1, 3, 8, 10);
        }

        @Test
        void reduceMeanAxesAttributeWithAndWithoutKeepdims() {
            assertThat(new G(13).in("x", 2, 3, 4, 5).op("ReduceMean", List.of("x"), "y", ints("axes", 2, 3)).dims("y"))
                    .containsExactly(2, 3, 1, 1);
            assertThat(new G(13).in("x", 2, 3, 4, 5)
                    .op("ReduceMean", List.of("x"), "y", ints("axes", 2, 3), i("keepdims", 0)).dims("y"))
                    .containsExactly(2, 3);
        }

        @Test
        void reduceMeanAxesInputOpset18() {
            assertThat(new G(18).in("x", 2, 3, 4, 5).longs("axes", -1)
                    .op("ReduceMean", List.of("x", "axes"), "y", i("keepdims", 0)).dims("y"))
                    .containsExactly(2, 3, 4);
            // no axes: everything is reduced, unless noop_with_empty_axes
            assertThat(new G(18).in("x", 2, 3, 4, 5).op("ReduceMean", List.of("x"), "y").dims("y"))
                    .containsExactly(1, 1, 1, 1);
            assertThat(new G(18).in("x", 2, 3, 4, 5)
                    .op("ReduceMean", List.of("x"), "y", i("noop_with_empty_axes", 1)).dims("y"))
                    .containsExactly(2, 3, 4, 5);
        }
    }

    @Nested
    class ShapeArithmetic {
        @Test
        void shapeGivesTheDimsAsAConstant() {
            InferredValue s = new G(13).in("x", 2, 3, 4, 5).op("Shape", List.of("x"), "s").infer().value("s").orElseThrow();
            assertThat(s.type()).isEqualTo(DataType.INT64);
            assertThat(s.dims()).containsExactly(4);
            assertThat(s.constant()).containsExactly(2, 3, 4, 5);
        }

        @Test
        void shapeStartAndEndSelectARange() {
            InferredValue s = new G(15).in("x", 2, 3, 4, 5)
                    .op("Shape", List.of("x"), "s", i("start", 1), i("end", -1)).infer().value("s").orElseThrow();
            assertThat(s.dims()).containsExactly(2);
            assertThat(s.constant()).containsExactly(3, 4);
        }

        @Test
        void gatherReplacesTheAxisByTheIndicesShape() {
            // data [5,6,7], indices [2,3] on axis 1 → [5, 2, 3, 7]
            G t = new G(13).in("x", 5, 6, 7).init(Tensor.ofLongs("idx", new long[] {2, 3}, new long[] {0, 1, 2, 3, 4, 5}))
                    .op("Gather", List.of("x", "idx"), "y", i("axis", 1));
            assertThat(t.dims("y")).containsExactly(5, 2, 3, 7);
        }

        @Test
        void gatherOfAShapeWithAScalarIndexFoldsToAScalar() {
            G t = new G(13).in("x", 2, 3, 4, 5).scalar("k", -1).op("Shape", List.of("x"), "s")
                    .op("Gather", List.of("s", "k"), "y");
            InferredValue y = t.infer().value("y").orElseThrow();
            assertThat(y.dims()).isEmpty();
            assertThat(y.constant()).containsExactly(5);
        }

        @Test
        void pytorchFlattenChainResolvesToAKnownShape() {
            // x [batch,16,5,5] → Shape → Gather(0) → Unsqueeze(0) → Concat with [−1] → Reshape: [1, 400]
            Graph g = new Graph();
            g.opsets().put("", 13L);
            g.addInput(new ValueInfo("x", DataType.FLOAT, new Shape(new long[] {-1, 16, 5, 5},
                    new String[] {"batch", null, null, null})));
            Node zero = new Node("c0", "Constant", List.of(), List.of("zero"));
            zero.setAttribute(Attribute.ofTensor("value", Tensor.ofLongs("zero", new long[0], new long[] {0})));
            Node minusOne = new Node("c1", "Constant", List.of(), List.of("minus_one"));
            minusOne.setAttribute(Attribute.ofTensor("value", Tensor.ofLongs("m1", new long[] {1}, new long[] {-1})));
            g.putInitializer(Tensor.ofLongs("axes0", new long[] {1}, new long[] {0}));
            g.putInitializer(Tensor.ofFloats("w", new long[] {10, 400}, new float[4000]));
            g.addNode(zero);
            g.addNode(minusOne);
            g.addNode(new Node("shape", "Shape", List.of("x"), List.of("s")));
            g.addNode(new Node("gather", "Gather", List.of("s", "zero"), List.of("n")));
            g.addNode(new Node("unsq", "Unsqueeze", List.of("n", "axes0"), List.of("n1")));
            g.addNode(new Node("concat", "Concat", List.of("n1", "minus_one"), List.of("target"))
                    .setAttribute(Attribute.ofInt("axis", 0)));
            g.addNode(new Node("reshape", "Reshape", List.of("x", "target"), List.of("flat")));
            g.addNode(new Node("fc", "Gemm", List.of("flat", "w"), List.of("y")).setAttribute(Attribute.ofInt("transB", 1)));
            ShapeInferenceResult r = ShapeInference.infer(g, 1);
            assertThat(r.problems()).isEmpty();
            assertThat(r.value("target").orElseThrow().constant()).containsExactly(1, -1);
            assertThat(r.dims("flat")).containsExactly(1, 400);
            assertThat(r.dims("y")).containsExactly(1, 10);
            // 10 outputs × 400 = 4,000
            assertThat(ModelStatistics.of(g).macs()).isEqualTo(4_000);
        }
    }

    @Nested
    class ElementWise {
        @Test
        void binaryOpsBroadcastNumpyStyle() {
            // [2,1,4] with [3,1] → [2,3,4]
            assertThat(new G(13).in("a", 2, 1, 4).in("b", 3, 1).op("Add", List.of("a", "b"), "y").dims("y"))
                    .containsExactly(2, 3, 4);
            // [5] with a scalar → [5]
            assertThat(new G(13).in("a", 5).weight("b").op("Mul", List.of("a", "b"), "y").dims("y"))
                    .containsExactly(5);
            for (String op : List.of("Sub", "Div", "Pow")) {
                assertThat(new G(13).in("a", 1, 3).in("b", 2, 1).op(op, List.of("a", "b"), "y").dims("y"))
                        .as(op).containsExactly(2, 3);
            }
        }

        @Test
        void shapesThatDoNotBroadcastAreAProblem() {
            G t = new G(13).in("a", 2, 3).in("b", 4);
            t.g.addNode(new Node("add_bad", "Add", List.of("a", "b"), List.of("y")));
            assertThat(t.infer().problems()).singleElement().asString().contains("add_bad").contains("do not broadcast");
        }

        @Test
        void quantizeTakesTheZeroPointTypeAndDequantizeTheScaleType() {
            G t = new G(13).in("x", 1, 4).weight("scale")
                    .init(Tensor.ofBytes("zp", DataType.INT8, new long[0], new byte[] {0}))
                    .op("QuantizeLinear", List.of("x", "scale", "zp"), "q")
                    .op("QuantizeLinear", List.of("x", "scale"), "q_default")
                    .op("DequantizeLinear", List.of("q", "scale", "zp"), "dq");
            ShapeInferenceResult r = t.infer();
            assertThat(r.problems()).isEmpty();
            assertThat(r.value("q").orElseThrow().type()).isEqualTo(DataType.INT8);
            assertThat(r.value("q_default").orElseThrow().type()).isEqualTo(DataType.UINT8);
            assertThat(r.value("dq").orElseThrow().type()).isEqualTo(DataType.FLOAT);
            assertThat(r.dims("dq")).containsExactly(1, 4);
        }

        @Test
        void castChangesTheTypeAndKeepsTheShape() {
            G t = new G(13).in("x", 2, 3).op("Cast", List.of("x"), "h", i("to", 10)).op("Cast", List.of("x"), "l", i("to", 7));
            ShapeInferenceResult r = t.infer();
            assertThat(r.value("h").orElseThrow().type()).isEqualTo(DataType.FLOAT16);
            assertThat(r.value("l").orElseThrow().type()).isEqualTo(DataType.INT64);
            assertThat(r.dims("l")).containsExactly(2, 3);
        }

        @Test
        void layerNormalizationStatisticsKeepDimsBeforeTheAxis() {
            G t = new G(17).in("x", 2, 5, 8).weight("g", 8).weight("b", 8);
            t.node("LayerNormalization", List.of("x", "g", "b"), List.of("y", "mean", "inv_std"), i("axis", -1));
            ShapeInferenceResult r = t.infer();
            assertThat(r.dims("y")).containsExactly(2, 5, 8);
            assertThat(r.dims("mean")).containsExactly(2, 5, 1);
            assertThat(r.dims("inv_std")).containsExactly(2, 5, 1);
        }

        @Test
        void dropoutMaskIsBoolOfTheInputShape() {
            G t = new G(13).in("x", 2, 3);
            t.node("Dropout", List.of("x"), List.of("y", "mask"));
            ShapeInferenceResult r = t.infer();
            assertThat(r.dims("y")).containsExactly(2, 3);
            assertThat(r.value("mask").orElseThrow().type()).isEqualTo(DataType.BOOL);
            assertThat(r.dims("mask")).containsExactly(2, 3);
        }

        @Test
        void unaryOpsKeepTheShape() {
            for (String op : List.of("Relu", "Sigmoid", "Tanh", "HardSwish", "Softmax", "Sqrt", "Erf", "Identity")) {
                assertThat(new G(13).in("x", 2, 7).op(op, List.of("x"), "y").dims("y")).as(op).containsExactly(2, 7);
            }
        }
    }

    @Nested
    class UnknownOps {
        private Graph customThenConv() {
            GraphBuilder b = new GraphBuilder("custom", 13, 1);
            String x = b.input("input", 3, 8, 8);
            b.graph().opsets().put("custom", 1L);
            b.graph().addNode(new Node("my_node", "MyCustomOp", "custom", List.of(x), List.of("mid")));
            String y = b.conv("mid", 3, 4, 3, 1, 1, 1, false);
            b.output(y, 4, 8, 8);
            return b.graph();
        }

        @Test
        void unknownOpLeavesOutputsUnknownAndIsReportedByName() {
            Graph g = customThenConv();
            ShapeInferenceResult r = ShapeInference.infer(g, 1);
            assertThat(r.dims("mid")).isNull();
            assertThat(r.dims(g.outputs().get(0).name())).isNull();
            assertThat(r.problems()).singleElement().asString().contains("MyCustomOp").contains("my_node");
        }

        @Test
        void convAfterAnUnknownOpMakesMacsUnknownNotTooSmall() {
            ModelStatistics stats = ModelStatistics.of(customThenConv());
            assertThat(stats.macs()).isEqualTo(-1);
            assertThat(stats.layers().get(1).op()).isEqualTo("Conv");
            assertThat(stats.layers().get(1).macs()).isEqualTo(-1);
            assertThat(stats.layers().get(1).outputShape()).isNull();
            assertThat(stats.problems()).anyMatch(p -> p.contains("MyCustomOp"));
        }

        @Test
        void declaredValueInfoOfAnUnknownOpsOutputLetsInferenceContinue() {
            Graph g = customThenConv();
            g.putValueInfo(new ValueInfo("mid", DataType.FLOAT, new Shape(new long[] {-1, 3, 8, 8},
                    new String[] {"batch", null, null, null})));
            ModelStatistics stats = ModelStatistics.of(g);
            // 4·8·8 = 256 outputs × 3·3·3 = 27 → 6,912
            assertThat(stats.macs()).isEqualTo(6_912);
        }
    }
}
