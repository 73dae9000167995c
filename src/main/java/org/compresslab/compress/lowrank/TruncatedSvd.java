package org.compresslab.compress.lowrank;

import java.util.List;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.graph.Graph;

/**
 * {@code lowrank.svd}: every Gemm and MatMul with a stored weight W (m×n) becomes two thinner layers of the
 * same op whose weights are the rank-r factors of W's truncated SVD — r·(m + n) weights and MACs per row
 * instead of m·n. A layer where that is no saving is left as it was, with a warning naming it.
 */
public final class TruncatedSvd implements Technique {
    public static final String ID = "lowrank.svd";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.LOW_RANK,
            "Low-rank factorization (truncated SVD)",
            "Replaces each fully connected layer (Gemm, or MatMul with a stored weight) by two thinner ones: the "
                    + "weight W = U·S·Vᵀ is cut to its r strongest singular directions, and the layer becomes "
                    + "x → (x·U_r√S_r) → ·√S_r V_rᵀ, the bias on the second. The rank is a share of the full "
                    + "rank, or the fewest directions that keep a share of the weight's energy (its squared "
                    + "norm). A layer is factorized only when the two factors are smaller than the weight — r·(m + n) "
                    + "< m·n — otherwise it is left alone and the warnings say so. Accuracy drops until the model "
                    + "is fine-tuned.",
            "Parameters and MACs of the fully connected layers fall with the rank (at half rank, a square layer "
                    + "saves nothing; a 120×400 layer loses 35%). Transformers and MLP heads gain most; "
                    + "convolution-only models gain little (use lowrank.tucker). Fine-tune one or two epochs after.",
            Factorization.parameters("Layers (node names or op types) to leave as they are."), true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        return Factorization.apply(model, p, ctx, List.of(FactorizableLayers.Kind.MATRICES), "svd");
    }
}
