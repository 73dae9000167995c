package org.compresslab.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.study.CompressionJob;
import org.compresslab.study.DatasetChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WizardViewModelTest {
    private final TechniqueRegistry registry = TechniqueRegistry.standard();
    private final WizardViewModel vm = new WizardViewModel(registry);

    @TempDir
    Path dir;

    private TechniqueDescriptor technique(String id) {
        return registry.find(id).descriptor();
    }

    @Test
    void offersEveryRegisteredTechniqueWithNoWizardCode() {
        assertThat(vm.techniques()).extracting(TechniqueDescriptor::id)
                .containsExactlyInAnyOrderElementsOf(registry.ids());
    }

    @Test
    void theFirstPageIsInvalidUntilAStepIsAdded() {
        assertThat(vm.stepsMessage().get()).contains("at least one technique");
        assertThat(vm.invalid().get()).isTrue();
        vm.addStep(technique("quantize.static-int8"));
        assertThat(vm.stepsMessage().get()).isEmpty();
        assertThat(vm.invalid().get()).isFalse();
    }

    @Test
    void aModelThatCanOnlyTeachNeedsAPipelineThatStartsWithDistillation() {
        WizardViewModel teaching = new WizardViewModel(registry, true);
        StepDraft quantize = teaching.addStep(technique("quantize.static-int8"));
        assertThat(teaching.stepsMessage().get()).contains("TorchScript").contains("knowledge distillation");
        assertThat(teaching.invalid().get()).isTrue();

        StepDraft distil = teaching.addStep(technique("distill.kd"));
        teaching.move(distil, -1);
        // distillation first, then the student may be compressed further
        assertThat(teaching.steps()).containsExactly(distil, quantize);
        assertThat(teaching.stepsMessage().get()).isEmpty();
    }

    @Test
    void aStepStartsAtItsDefaultsAndAValueOutOfRangeSaysWhichStepParameterAndRange() {
        StepDraft prune = vm.addStep(technique("prune.magnitude"));
        ParameterDraft sparsity = prune.parameters().stream().filter(p -> p.spec().name().equals("sparsity"))
                .findFirst().orElseThrow();
        assertThat(sparsity.valueProperty().get()).isEqualTo(sparsity.spec().defaultValue());

        sparsity.valueProperty().set(1.5);

        assertThat(sparsity.errorProperty().get()).contains("sparsity").contains(sparsity.spec().rangeDescription());
        assertThat(vm.parametersMessage().get()).startsWith("Step 1: ").contains("sparsity");
        assertThat(vm.invalid().get()).isTrue();
        sparsity.valueProperty().set("0.4x"); // half-typed text
        assertThat(vm.parametersMessage().get()).contains("sparsity");
        sparsity.valueProperty().set(0.4);
        assertThat(vm.parametersMessage().get()).isEmpty();
    }

    @Test
    void removingTheInvalidStepClearsTheMessage() {
        StepDraft bad = vm.addStep(technique("prune.magnitude"));
        vm.addStep(technique("quantize.static-int8"));
        bad.parameters().stream().filter(p -> p.spec().name().equals("sparsity")).findFirst().orElseThrow()
                .valueProperty().set("nonsense");
        assertThat(vm.parametersMessage().get()).isNotEmpty();
        vm.removeStep(bad);
        assertThat(vm.parametersMessage().get()).isEmpty();
    }

    @Test
    void stepsKeepTheirOrderAndCanBeMoved() {
        StepDraft prune = vm.addStep(technique("prune.channels"));
        StepDraft quant = vm.addStep(technique("quantize.static-int8"));
        vm.move(quant, -1);
        assertThat(vm.steps()).containsExactly(quant, prune);
        vm.move(quant, -1); // already first: nothing happens
        assertThat(vm.steps()).containsExactly(quant, prune);
        assertThat(vm.defaultRunName()).isEqualTo(quant.technique().title() + " → " + prune.technique().title());
    }

    @Test
    void theReviewShowsTheRecipeTheCliWouldRunWithEveryParameterSpelledOut() {
        StepDraft prune = vm.addStep(technique("prune.magnitude"));
        prune.parameters().stream().filter(p -> p.spec().name().equals("sparsity")).findFirst().orElseThrow()
                .valueProperty().set(0.6);
        vm.addStep(technique("quantize.static-int8"));

        String json = vm.recipeJson();

        var parsed = RecipeJson.validate(RecipeJson.parse(json), registry);
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).number("sparsity")).isEqualTo(0.6);
        assertThat(parsed.get(1).values()).containsOnlyKeys(technique("quantize.static-int8").parameters().stream()
                .map(p -> p.name()).toArray(String[]::new));
        vm.startFrom("resnet20.onnx", new DatasetChoice("fashion-mnist", "test", null), EvaluationSettings.defaults());
        assertThat(vm.commandLine()).startsWith("bin/compresslab compress resnet20.onnx --recipe recipe.json")
                .contains("--dataset fashion-mnist --split test --train-split train --seed 1")
                .contains("--runs 100 --warmup 10"); // the measurement page's every setting, as the run uses it
    }

    @Test
    void aSavedRecipeLoadsBackAsTheSamePipeline() throws Exception {
        vm.addStep(technique("prune.channels")).parameters().stream().filter(p -> p.spec().name().equals("ratio"))
                .findFirst().orElseThrow().valueProperty().set(0.3);
        vm.addStep(technique("quantize.static-int8"));
        Path file = dir.resolve("r.json");
        vm.saveRecipe(file);

        WizardViewModel other = new WizardViewModel(registry);
        other.loadRecipe(file);

        assertThat(other.steps()).extracting(s -> s.technique().id()).containsExactly("prune.channels",
                "quantize.static-int8");
        assertThat(other.recipeJson()).isEqualTo(vm.recipeJson());
    }

    @Test
    void aBrokenRecipeFileIsRefusedAndThePipelineStaysAsItWas() throws Exception {
        vm.addStep(technique("quantize.fp16"));
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":-3}]}");

        assertThatThrownBy(() -> vm.loadRecipe(file)).isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("samples");
        assertThat(vm.steps()).extracting(s -> s.technique().id()).containsExactly("quantize.fp16");
    }

    @Test
    void theRequestCarriesTheDataAndMeasurementPagesAndStartsFromTheProjectsSettings() {
        vm.startFrom("m.onnx", new DatasetChoice("fashion-mnist", "test", null),
                new EvaluationSettings(2000, 1, 2, 300, 20, org.compresslab.runtime.OptimizationLevel.ALL, 0));
        vm.addStep(technique("quantize.static-int8"));
        assertThat(vm.threadsProperty().get()).isEqualTo(2);
        vm.runsProperty().set(50);
        vm.seedProperty().set(7);
        vm.trainSplitProperty().set("train");

        CompressionJob.Request r = vm.request();

        assertThat(r.title()).isEqualTo(technique("quantize.static-int8").title());
        assertThat(r.settings().limit()).isEqualTo(2000);
        assertThat(r.settings().threads()).isEqualTo(2);
        assertThat(r.settings().runs()).isEqualTo(50);
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.recipe().steps()).hasSize(1);
        vm.trainSplitProperty().set(" ");
        assertThat(vm.dataMessage().get()).contains("split");
        vm.threadsProperty().set(0);
        assertThat(vm.measurementMessage().get()).contains("Threads");
    }
}
