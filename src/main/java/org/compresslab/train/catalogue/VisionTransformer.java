package org.compresslab.train.catalogue;

import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;

/**
 * A tiny Vision Transformer (Dosovitskiy et al. 2021) written with plain ONNX ops so the training
 * interpreter can run it:
 * <pre>
 *   patch_embed  Conv(k = p, s = p) → 64, Reshape [0, 64, −1], Transpose [0, 2, 1]   → [N, P, 64]
 *   pos_embed    Add a learned [1, P, 64]
 *   blocks.i     x + Attn(LN(x)), then x + MLP(LN(x))        (pre-LN, ε = 1e-6)
 *     Attn       MatMul [64, 192] + b → Split q, k, v → Reshape [0, −1, 4, 16] → Transpose
 *                softmax(q·kᵀ · 1/√16) · v → Transpose → Reshape [0, −1, 64] → MatMul [64, 64] + b
 *     MLP        MatMul [64, 128] + b → GELU (x·½·(1 + erf(x/√2))) → MatMul [128, 64] + b
 *   norm, pool   LN, ReduceMean over the patches (axes [1], keepdims 0)
 *   head         Gemm 64 → classes
 * </pre>
 * The patch side p is 4 when it divides both image sides, else 7; no class token. Weights (patch conv,
 * positional embedding, every projection and the head) are truncated normal with σ = 0.02 (redrawn
 * outside ±2σ); biases are 0, LayerNorm scales 1 and shifts 0.
 */
final class VisionTransformer {
    static final String ID = "vit-tiny";
    static final int DIM = 64;
    static final int HEADS = 4;
    static final int HEAD_DIM = DIM / HEADS;
    static final int MLP_DIM = 128;
    static final double INIT_STD = 0.02;
    private static final int[] PATCH_SIDES = {4, 7};

    private VisionTransformer() {
    }

    static String id(int depth) {
        return depth == 2 ? ID : ID + "-" + depth;
    }

    static String description(int depth) {
        return "Tiny Vision Transformer: 4×4 (or 7×7) patches, " + depth + " pre-LN transformer blocks of width "
                + DIM + " with " + HEADS + " attention heads, mean-pooled tokens";
    }

    /** The patch side for an image: 4 when it divides height and width, else 7, else an error in plain words. */
    static int patchSide(ImageSpec spec) {
        for (int p : PATCH_SIDES) {
            if (spec.height() % p == 0 && spec.width() % p == 0) {
                return p;
            }
        }
        throw new IllegalArgumentException("vit-tiny cuts the image into 4×4 or 7×7 patches, so its height and width "
                + "must both be multiples of 4 or both multiples of 7; " + spec.height() + "×" + spec.width()
                + " is neither");
    }

    static Graph build(int depth, ImageSpec spec, long seed) {
        int p = patchSide(spec);
        int patches = (spec.height() / p) * (spec.width() / p);
        NamedGraphBuilder b = new NamedGraphBuilder(id(depth), description(depth), seed);
        String x = b.input(spec);

        String w = b.floats("patch_embed.conv.weight", new long[] {DIM, spec.channels(), p, p},
                truncated(b, DIM * spec.channels() * p * p));
        String bias = b.floats("patch_embed.conv.bias", new long[] {DIM}, new float[DIM]);
        x = b.op("patch_embed.conv", "Conv", List.of(x, w, bias), Attribute.ofInts("kernel_shape", p, p),
                Attribute.ofInts("strides", p, p), Attribute.ofInts("pads", 0, 0, 0, 0),
                Attribute.ofInts("dilations", 1, 1), Attribute.ofInt("group", 1));
        x = b.op("patch_embed.reshape", "Reshape", List.of(x, b.longs("patch_embed.reshape.shape", 0, DIM, -1)));
        x = b.op("patch_embed.transpose", "Transpose", List.of(x), Attribute.ofInts("perm", 0, 2, 1));
        String pos = b.floats("pos_embed", new long[] {1, patches, DIM}, truncated(b, patches * DIM));
        x = b.add("pos_embed.add", x, pos);

        for (int i = 0; i < depth; i++) {
            x = block(b, "blocks." + i, x);
        }
        x = layerNorm(b, "norm", x);
        x = b.op("pool", "ReduceMean", List.of(x), Attribute.ofInts("axes", 1), Attribute.ofInt("keepdims", 0));
        String hw = b.floats("head.weight", new long[] {spec.classes(), DIM}, truncated(b, spec.classes() * DIM));
        String hb = b.floats("head.bias", new long[] {spec.classes()}, new float[spec.classes()]);
        x = b.op("head", NamedGraphBuilder.OUTPUT, "Gemm", List.of(x, hw, hb), Attribute.ofFloat("alpha", 1f),
                Attribute.ofFloat("beta", 1f), Attribute.ofInt("transA", 0), Attribute.ofInt("transB", 1));
        b.output(x, spec.classes());
        return b.graph();
    }

    private static String block(NamedGraphBuilder b, String name, String x) {
        String h = layerNorm(b, name + ".norm1", x);
        h = attention(b, name + ".attn", h);
        x = b.add(name + ".attn.residual", x, h);
        h = layerNorm(b, name + ".norm2", x);
        h = dense(b, name + ".mlp.fc1", h, DIM, MLP_DIM);
        h = gelu(b, name + ".mlp.gelu", h);
        h = dense(b, name + ".mlp.fc2", h, MLP_DIM, DIM);
        return b.add(name + ".mlp.residual", x, h);
    }

    private static String attention(NamedGraphBuilder b, String name, String x) {
        String qkv = dense(b, name + ".qkv", x, DIM, 3 * DIM);
        List<String> parts = List.of(name + ".q", name + ".k", name + ".v");
        b.node(name + ".split", "Split", List.of(qkv, b.longs(name + ".split.sizes", DIM, DIM, DIM)), parts,
                Attribute.ofInt("axis", -1));
        String headsShape = b.longs(name + ".heads_shape", 0, -1, HEADS, HEAD_DIM);
        String[] heads = new String[3];
        for (int i = 0; i < 3; i++) {
            String part = parts.get(i);
            String r = b.op(part + ".reshape", "Reshape", List.of(part, headsShape));
            // q, v: [N, P, H, D] → [N, H, P, D]; k straight to [N, H, D, P] (its transpose for q·kᵀ)
            heads[i] = b.op(part + ".transpose", "Transpose", List.of(r),
                    i == 1 ? Attribute.ofInts("perm", 0, 2, 3, 1) : Attribute.ofInts("perm", 0, 2, 1, 3));
        }
        String scores = b.op(name + ".scores", "MatMul", List.of(heads[0], heads[1]));
        scores = b.op(name + ".scale", "Mul", List.of(scores, b.scalar("attn.scale", (float) (1 / Math.sqrt(HEAD_DIM)))));
        String weights = b.op(name + ".softmax", "Softmax", List.of(scores), Attribute.ofInt("axis", -1));
        String context = b.op(name + ".context", "MatMul", List.of(weights, heads[2]));
        context = b.op(name + ".context.transpose", "Transpose", List.of(context), Attribute.ofInts("perm", 0, 2, 1, 3));
        context = b.op(name + ".context.reshape", "Reshape",
                List.of(context, b.longs(name + ".context.shape", 0, -1, DIM)));
        return dense(b, name + ".proj", context, DIM, DIM);
    }

    /** MatMul by a [in, out] weight, then Add of the bias: a Linear applied to the last axis of [N, P, in]. */
    private static String dense(NamedGraphBuilder b, String name, String x, int in, int out) {
        String w = b.floats(name + ".weight", new long[] {in, out}, truncated(b, in * out));
        String bias = b.floats(name + ".bias", new long[] {out}, new float[out]);
        String y = b.op(name, "MatMul", List.of(x, w));
        return b.op(name + ".bias_add", "Add", List.of(y, bias));
    }

    /** The exact GELU, x · ½ · (1 + erf(x / √2)), with shared scalar constants. */
    private static String gelu(NamedGraphBuilder b, String name, String x) {
        String scaled = b.op(name + ".div", "Div", List.of(x, b.scalar("gelu.sqrt2", (float) Math.sqrt(2))));
        String erf = b.op(name + ".erf", "Erf", List.of(scaled));
        String onePlus = b.op(name + ".add", "Add", List.of(erf, b.scalar("gelu.one", 1f)));
        String times = b.op(name + ".mul", "Mul", List.of(x, onePlus));
        return b.op(name + ".half", "Mul", List.of(times, b.scalar("gelu.half", 0.5f)));
    }

    private static String layerNorm(NamedGraphBuilder b, String name, String x) {
        String scale = b.floats(name + ".weight", new long[] {DIM}, WeightInit.filled(DIM, 1f));
        String shift = b.floats(name + ".bias", new long[] {DIM}, new float[DIM]);
        return b.op(name, "LayerNormalization", List.of(x, scale, shift), Attribute.ofInt("axis", -1),
                Attribute.ofFloat("epsilon", 1e-6f));
    }

    private static float[] truncated(NamedGraphBuilder b, int count) {
        return WeightInit.truncatedNormal(b.random(), count, INIT_STD);
    }
}
