package org.compresslab.study;

import java.util.List;
import java.util.Map;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.RecipeStep;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.quantize.StaticInt8Quantizer;

/**
 * The runs a row of the atlas offers: the family's usual technique with its defaults, except that the
 * row's layer is left as it is. Both techniques take the layers to leave alone as {@code exclude}.
 */
public final class AtlasRuns {
    static final String EXCLUDE = "exclude";

    private AtlasRuns() {
    }

    /** Static int8 quantization of everything but {@code layer}, which stays in float. */
    public static Recipe keepInFloat(String layer) {
        return Recipe.of(new RecipeStep(StaticInt8Quantizer.ID, Map.of(EXCLUDE, List.of(layer))));
    }

    /**
     * A run title for a recipe made here, e.g. "Static int8, conv1 kept in float"; the technique's id for
     * any other recipe.
     */
    public static String title(Recipe recipe) {
        RecipeStep step = recipe.steps().get(0);
        String layers = step.parameters().get(EXCLUDE) instanceof List<?> l && !l.isEmpty()
                ? String.join(", ", l.stream().map(String::valueOf).toList()) : null;
        if (recipe.steps().size() == 1 && layers != null) {
            if (step.technique().equals(StaticInt8Quantizer.ID)) {
                return "Static int8, " + layers + " kept in float";
            }
            if (step.technique().equals(ChannelPruner.ID)) {
                return "Channel pruning, " + layers + " left alone";
            }
        }
        return String.join(" \u2192 ", recipe.steps().stream().map(RecipeStep::technique).toList());
    }

    /** Channel pruning that leaves {@code layer}'s channel group (and so the layers tied to it) alone. */
    public static Recipe dontPrune(String layer) {
        return Recipe.of(new RecipeStep(ChannelPruner.ID, Map.of(EXCLUDE, List.of(layer))));
    }
}
