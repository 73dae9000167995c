package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.quantize.StaticInt8Quantizer;
import org.junit.jupiter.api.Test;

class AtlasRunsTest {
    private final TechniqueRegistry registry = TechniqueRegistry.standard();

    @Test
    void keepInFloatIsStaticInt8WithDefaultsExceptTheLayerExcluded() {
        Recipe r = AtlasRuns.keepInFloat("conv1");

        StepParameters p = RecipeJson.validate(r, registry).get(0);
        assertThat(p.descriptor().id()).isEqualTo(StaticInt8Quantizer.ID);
        assertThat(p.textList("exclude")).containsExactly("conv1");
        assertThat(withoutExclude(p)).isEqualTo(withoutExclude(StepParameters.defaults(p.descriptor())));
    }

    @Test
    void dontPruneIsChannelPruningWithDefaultsExceptTheLayerExcluded() {
        Recipe r = AtlasRuns.dontPrune("/layer1/conv2/Conv");

        StepParameters p = RecipeJson.validate(r, registry).get(0);
        assertThat(p.descriptor().id()).isEqualTo(ChannelPruner.ID);
        assertThat(p.textList("exclude")).containsExactly("/layer1/conv2/Conv");
        assertThat(withoutExclude(p)).isEqualTo(withoutExclude(StepParameters.defaults(p.descriptor())));
        // what the review page and `compress` read back is the same run
        assertThat(RecipeJson.validate(RecipeJson.parse(RecipeJson.write(List.of(p))), registry).get(0).values())
                .isEqualTo(p.values());
    }

    private static Map<String, Object> withoutExclude(StepParameters p) {
        Map<String, Object> m = new LinkedHashMap<>(p.values());
        m.remove("exclude");
        return m;
    }

    @Test
    void theRunsAreTitledForTheQueue() {
        assertThat(AtlasRuns.title(AtlasRuns.keepInFloat("conv1"))).isEqualTo("Static int8, conv1 kept in float");
        assertThat(AtlasRuns.title(AtlasRuns.dontPrune("fc1"))).isEqualTo("Channel pruning, fc1 left alone");
        assertThat(AtlasRuns.title(Recipe.of(new org.compresslab.compress.RecipeStep(ChannelPruner.ID, Map.of()))))
                .isEqualTo(ChannelPruner.ID);
    }
}
