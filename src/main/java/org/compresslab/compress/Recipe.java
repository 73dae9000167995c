package org.compresslab.compress;

import java.util.List;

/** Ordered steps; each runs on the previous step's model and each result is evaluated. */
public record Recipe(List<RecipeStep> steps) {
    public Recipe {
        steps = List.copyOf(steps);
    }

    public static Recipe of(RecipeStep... steps) {
        return new Recipe(List.of(steps));
    }
}
