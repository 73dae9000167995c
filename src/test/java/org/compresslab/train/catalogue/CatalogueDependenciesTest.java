package org.compresslab.train.catalogue;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The catalogue is pure graph code: it builds graphs and knows nothing of ONNX, runtimes or training. */
class CatalogueDependenciesTest {

    @Test
    void catalogueDependsOnlyOnTheGraphPackageAndTheJdk() {
        JavaClasses catalogue = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.compresslab.train.catalogue");
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.compresslab.train.catalogue..", "org.compresslab.graph..", "java..")
                .check(catalogue);
    }
}
