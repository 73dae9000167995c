package org.compresslab.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecipeJsonTest {
    private final TechniqueRegistry registry = TechniqueRegistry.standard();

    @Test
    void aRecipeReadsIntoStepsWithTheirParameters() {
        Recipe r = RecipeJson.parse("""
                {"steps":[{"technique":"quantize.static-int8","calibration":"entropy","samples":256,
                           "exclude":["conv1"]}]}""");

        assertThat(r.steps()).hasSize(1);
        StepParameters p = RecipeJson.validate(r, registry).get(0);
        assertThat(p.choice("calibration")).isEqualTo("entropy");
        assertThat(p.integer("samples")).isEqualTo(256);
        assertThat(p.textList("exclude")).containsExactly("conv1");
        assertThat(p.number("percentile")).isEqualTo(99.99); // default filled in
    }

    @Test
    void writtenRecipesReadBackToTheSameParameters() {
        List<StepParameters> steps = RecipeJson.validate(RecipeJson.parse(
                "{\"steps\":[{\"technique\":\"quantize.static-int8\",\"percentile\":99.9}]}"), registry);

        List<StepParameters> again = RecipeJson.validate(RecipeJson.parse(RecipeJson.write(steps)), registry);

        assertThat(again.get(0).values()).isEqualTo(steps.get(0).values());
    }

    @Test
    void anUnknownTechniqueIsNamedWithTheKnownOnes() {
        Recipe r = RecipeJson.parse("{\"steps\":[{\"technique\":\"quantize.int3\"}]}");

        assertThatThrownBy(() -> RecipeJson.validate(r, registry)).isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("unknown technique 'quantize.int3'").hasMessageContaining("quantize.static-int8");
    }

    @Test
    void aParameterOutOfRangeIsNamedWithItsRange() {
        Recipe r = RecipeJson.parse("{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":3}]}");

        assertThatThrownBy(() -> RecipeJson.validate(r, registry)).isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("step 1").hasMessageContaining("'samples'")
                .hasMessageContaining("an integer from 8 to 10000").hasMessageContaining("was 3");
    }

    @Test
    void anUnknownParameterIsNamedWithTheOnesTheTechniqueTakes() {
        Recipe r = RecipeJson.parse("{\"steps\":[{\"technique\":\"quantize.static-int8\",\"bits\":4}]}");

        assertThatThrownBy(() -> RecipeJson.validate(r, registry)).isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("unknown parameter 'bits'").hasMessageContaining("calibration");
    }

    @Test
    void wrongTypesAndBadChoicesAreRefused() {
        assertThatThrownBy(() -> RecipeJson.validate(RecipeJson.parse(
                "{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":\"many\"}]}"), registry))
                .hasMessageContaining("'samples'");
        assertThatThrownBy(() -> RecipeJson.validate(RecipeJson.parse(
                "{\"steps\":[{\"technique\":\"quantize.static-int8\",\"calibration\":\"magic\"}]}"), registry))
                .hasMessageContaining("one of minmax, percentile, entropy, mse");
        assertThatThrownBy(() -> RecipeJson.validate(RecipeJson.parse(
                "{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":12.5}]}"), registry))
                .hasMessageContaining("was 12.5");
    }

    @Test
    void malformedRecipesSayWhatARecipeLooksLike() {
        assertThatThrownBy(() -> RecipeJson.parse("{\"steps\": 3}")).isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("\"steps\" array");
        assertThatThrownBy(() -> RecipeJson.parse("{not json")).isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RecipeJson.parse("{\"steps\":[]}")).hasMessageContaining("no steps");
        assertThatThrownBy(() -> RecipeJson.parse("{\"steps\":[{\"samples\":3}]}"))
                .hasMessageContaining("needs a \"technique\"");
    }

    @Test
    void everyDescriptorDefaultIsWithinItsOwnRange() {
        for (TechniqueDescriptor d : registry.descriptors()) {
            java.util.Map<String, Object> defaults = new java.util.LinkedHashMap<>();
            d.parameters().forEach(s -> defaults.put(s.name(), s.defaultValue()));
            StepParameters p = StepParameters.validate(d, defaults);
            assertThat(p.values().keySet()).containsExactlyElementsOf(
                    d.parameters().stream().map(ParameterSpec::name).toList());
            assertThat(d.explanation()).hasSizeGreaterThan(80);
            assertThat(d.expectation()).isNotBlank();
            d.parameters().forEach(s -> assertThat(s.explanation()).as(d.id() + "." + s.name()).isNotBlank());
        }
    }

    @Test
    void everyShippedRecipeIsValid() throws Exception {
        try (var files = java.nio.file.Files.list(org.compresslab.TestFiles.projectRoot().resolve("sample-models/recipes"))) {
            List<java.nio.file.Path> recipes = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(recipes).isNotEmpty();
            for (java.nio.file.Path f : recipes) {
                assertThat(RecipeJson.validate(RecipeJson.read(f), registry)).as(f.toString()).isNotEmpty();
            }
        }
    }
}
