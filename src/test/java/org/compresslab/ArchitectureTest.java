package org.compresslab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md: the engine has no JavaFX, and lower layers never reach up. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.compresslab");
    }

    @Test
    void onlyTheUiPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("org.compresslab.ui..", "org.compresslab")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the engine must run from the CLI and tests without JavaFX")
                .check(classes);
    }

    @Test
    void graphDependsOnNothingElseOfTheProject() {
        noClasses().that().resideInAPackage("org.compresslab.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.compresslab.onnx..", "org.compresslab.runtime..",
                        "org.compresslab.data..", "org.compresslab.eval..", "org.compresslab.cli..", "org.compresslab.ui..")
                .check(classes);
    }

    @Test
    void onnxAndDataDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.compresslab.onnx..", "org.compresslab.data..", "org.compresslab.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("org.compresslab.eval..", "org.compresslab.cli..",
                        "org.compresslab.ui..", "org.compresslab.study..", "org.compresslab.compress..", "org.compresslab.train..")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnTheFrontEnds() {
        noClasses().that().resideInAnyPackage("org.compresslab.graph..", "org.compresslab.onnx..", "org.compresslab.runtime..",
                        "org.compresslab.data..", "org.compresslab.eval..", "org.compresslab.progress..")
                .should().dependOnClassesThat().resideInAnyPackage("org.compresslab.cli..", "org.compresslab.ui..")
                .check(classes);
    }

    @Test
    void evaluationDoesNotDependOnTechniquesTrainingOrStudies() {
        noClasses().that().resideInAPackage("org.compresslab.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("org.compresslab.compress..",
                        "org.compresslab.train..", "org.compresslab.study..")
                .because("techniques use the evaluator to measure their variants, never the other way round")
                .check(classes);
    }

    @Test
    void techniquesDoNotReachUpToStudiesOrFrontEnds() {
        noClasses().that().resideInAPackage("org.compresslab.compress..")
                .should().dependOnClassesThat().resideInAnyPackage("org.compresslab.study..", "org.compresslab.cli..",
                        "org.compresslab.ui..")
                .check(classes);
    }

    @Test
    void javaFxIsReallyConfinedByTheRule() {
        // guards against the rule passing vacuously: the ui package must exist and use JavaFX
        org.assertj.core.api.Assertions.assertThat(classes.contain("org.compresslab.ui.CompressLabApp")).isTrue();
    }
}
