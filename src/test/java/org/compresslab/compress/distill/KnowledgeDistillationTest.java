package org.compresslab.compress.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Tensor;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.CancelledException;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.train.catalogue.ModelCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * distill.kd on the LeNet-5 sample as teacher, with LeNet-5 students trained for one short epoch (at lr 0.02:
 * without BatchNorm, 0.1 under distillation collapses LeNet-5 to chance).
 */
class KnowledgeDistillationTest {
    private final KnowledgeDistillation technique = new KnowledgeDistillation();

    @TempDir
    Path dir;

    private StepParameters params(Map<String, ?> values) {
        return StepParameters.validate(technique.descriptor(), values);
    }

    @Test
    void withAlphaZeroTheDistilledStudentAndTheControlAreTheSameNetwork() {
        ModelFile teacher = CompressionFixtures.sample("lenet5");
        Preprocessing prep = teacher.preprocessing().orElseThrow();

        KnowledgeDistillation.Result r = KnowledgeDistillation.distil(teacher.graph(), params(Map.of(
                "student", "lenet5", "alpha", 0.0, "epochs", 1, "limit", 1024, "batch", 32, "images", 300)),
                CompressionFixtures.context(teacher));

        assertThat(r.control()).isNotNull();
        // same seed, initial weights, image order, augmentation and schedule: bit-identical weights
        for (Map.Entry<String, Tensor> w : r.student().initializers().entrySet()) {
            assertThat(r.control().initializer(w.getKey()).orElseThrow().toFloats()).as(w.getKey())
                    .containsExactly(w.getValue().toFloats());
        }
        assertThat(CompressionFixtures.predictions(r.student(), prep, 300))
                .containsExactly(CompressionFixtures.predictions(r.control(), prep, 300));
        DistillationReport report = r.report();
        assertThat(report.mcnemar().onlyA()).isZero();
        assertThat(report.mcnemar().onlyB()).isZero();
        assertThat(report.mcnemar().pValue()).isEqualTo(1.0);
        assertThat(report.agreement().top1Agreement()).isEqualTo(1.0);
        assertThat(report.difference().difference()).isZero();
        assertThat(report.distilledAccuracy().top1()).isEqualTo(report.controlAccuracy().top1());
        // and the student did learn something in its one short epoch (10 classes: chance is 0.1)
        assertThat(report.distilledAccuracy().top1()).isGreaterThan(0.3);
    }

    @Test
    void aShortRealRunReportsStudentAndControlAndRecipeRunnerWritesAndEvaluatesTheStudent() {
        ModelFile teacher = CompressionFixtures.sample("lenet5");
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(400).withRuns(3);
        List<String> progress = new ArrayList<>();
        CompressionContext ctx = new CompressionContext(teacher.preprocessing().orElseThrow(),
                CompressionFixtures.trainData(), CompressionFixtures.testData(), RuntimeOptions.defaults(), 7,
                (f, m) -> progress.add(m), null, null);

        List<StepResult> steps = new RecipeRunner(TechniqueRegistry.standard()).run(teacher, RecipeJson.parse("""
                {"steps":[{"technique":"distill.kd","student":"lenet5","epochs":1,"limit":512,"batch":32,
                           "lr":0.02,"images":400}]}"""), ctx, settings, dir, s -> { });

        StepResult step = steps.get(0);
        DistillationReport r = (DistillationReport) step.report();
        assertThat(r.evaluationImages()).isEqualTo(400);
        for (var a : List.of(r.teacherAccuracy(), r.distilledAccuracy(), r.controlAccuracy())) {
            assertThat(a.n()).isEqualTo(400);
            assertThat(a.top1()).isBetween(0.0, 1.0);
            assertThat(a.top1Ci95().lo()).isLessThanOrEqualTo(a.top1()).isGreaterThanOrEqualTo(0.0);
            assertThat(a.top1Ci95().hi()).isGreaterThanOrEqualTo(a.top1()).isLessThanOrEqualTo(1.0);
        }
        assertThat(r.teacherAccuracy().top1()).isGreaterThan(0.85); // the trained sample
        assertThat(r.mcnemar().pValue()).isBetween(0.0, 1.0);
        assertThat(r.mcnemar().n()).isEqualTo(400);
        assertThat(r.difference().difference())
                .isCloseTo(r.distilledAccuracy().top1() - r.controlAccuracy().top1(), within(1e-12));
        assertThat(r.difference().lo()).isLessThanOrEqualTo(r.difference().difference());
        assertThat(r.difference().hi()).isGreaterThanOrEqualTo(r.difference().difference());
        assertThat(r.distilledHistory()).hasSize(1);
        assertThat(r.controlHistory()).hasSize(1);
        assertThat(r.studentParams()).isEqualTo(r.teacherParams()); // LeNet-5 to LeNet-5 here
        assertThat(r.summary()).contains("control").contains("McNemar p");
        // both trainings and the comparison reported progress, in that order
        int kd = indexOf(progress, "distilling");
        int control = indexOf(progress, "training the control");
        int scoring = indexOf(progress, "evaluation images");
        assertThat(kd).isNotNegative().isLessThan(control);
        assertThat(control).isLessThan(scoring);

        // the written model is a valid ONNX graph that the runner evaluated: the distilled student
        ModelFile written = ModelFile.load(step.model());
        assertThat(written.graph().nodes()).extracting(n -> n.opType()).contains("Conv", "Gemm");
        assertThat(step.evaluation().accuracy().n()).isEqualTo(400);
        assertThat(step.evaluation().accuracy().top1()).isCloseTo(r.distilledAccuracy().top1(), within(0.005));
        // the teacher did change the training: student and control no longer predict alike everywhere
        assertThat(r.agreement().top1Agreement()).isLessThan(1.0);
        // and the written weights are trained ones, not the seed's initial ones
        Graph fresh = ModelCatalogue.build("lenet5", 1, 28, 28, 10, 7);
        assertThat(written.graph().initializer("fc3.weight").orElseThrow().toFloats())
                .isNotEqualTo(fresh.initializer("fc3.weight").orElseThrow().toFloats());
    }

    @Test
    void anUnknownStudentIsRefusedNamingTheCatalogueArchitectures() {
        ModelFile teacher = CompressionFixtures.sample("lenet5");

        assertThatThrownBy(() -> technique.apply(teacher.graph(), params(Map.of("student", "resnet7")),
                CompressionFixtures.context(teacher)))
                .isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("resnet7").hasMessageContaining("lenet5").hasMessageContaining("resnet8")
                .hasMessageContaining("vit-tiny");
    }

    @Test
    void aMissingTeacherFileIsRefusedInPlainWords() {
        ModelFile teacher = CompressionFixtures.sample("lenet5");

        assertThatThrownBy(() -> technique.apply(teacher.graph(), params(Map.of("student", "lenet5",
                "teacher", dir.resolve("none.onnx").toString())), CompressionFixtures.context(teacher)))
                .isInstanceOf(InvalidRecipeException.class)
                .hasMessageContaining("teacher").hasMessageContaining("no such file");
    }

    @Test
    void cancellingDuringDistillationStopsTheStep() {
        ModelFile teacher = CompressionFixtures.sample("lenet5");
        CancellationToken cancel = new CancellationToken();
        CompressionContext ctx = new CompressionContext(teacher.preprocessing().orElseThrow(),
                CompressionFixtures.trainData(), CompressionFixtures.testData(), RuntimeOptions.defaults(), 1,
                (f, m) -> {
                    if (m.startsWith("distilling")) {
                        cancel.cancel();
                    }
                }, null, cancel);

        assertThatThrownBy(() -> technique.apply(teacher.graph(), params(Map.of("student", "lenet5", "epochs", 1,
                "limit", 2000, "batch", 32)), ctx)).isInstanceOf(CancelledException.class);
    }

    private static int indexOf(List<String> messages, String part) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
