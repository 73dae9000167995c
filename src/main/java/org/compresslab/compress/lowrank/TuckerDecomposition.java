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
 * {@code lowrank.tucker}: every k×k convolution becomes 1×1 → k×k → 1×1 by a Tucker-2 decomposition of its
 * kernel on the channel modes; every 1×1 convolution becomes two 1×1s by SVD. Depthwise and grouped
 * convolutions, and layers where the factorization is no saving, are left alone and named in the warnings.
 */
public final class TuckerDecomposition implements Technique {
    public static final String ID = "lowrank.tucker";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.LOW_RANK,
            "Low-rank factorization of convolutions (Tucker-2)",
            "Decomposes each convolution kernel W [C_out, C_in, k, k] along its two channel modes (a higher-order "
                    + "SVD): a 1×1 convolution projects the C_in input channels onto r_in, a k×k convolution with "
                    + "the small core kernel [r_out, r_in, k, k] does the spatial work with the original stride and "
                    + "padding, and a 1×1 convolution expands r_out back to C_out and adds the bias. 1×1 "
                    + "convolutions are split in two by SVD. Ranks are a share of each mode's full rank, or the "
                    + "fewest directions keeping a share of the kernel's energy per mode. Depthwise and grouped "
                    + "convolutions have no channel mode to decompose and are left alone; so is any layer where "
                    + "the three convolutions would hold more weights or cost more MACs than the one they replace. "
                    + "Accuracy drops until the model is fine-tuned.",
            "At half the rank per mode a 3×3 convolution keeps roughly a third of its weights and MACs; the first "
                    + "layer (few input channels) is usually left alone. Fine-tune one or two epochs after.",
            Factorization.parameters("Convolutions (node names, or op type Conv) to leave as they are."), true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        return Factorization.apply(model, p, ctx, List.of(FactorizableLayers.Kind.CONVOLUTIONS), "tucker-2");
    }
}
