package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compresslab.study.StudyFixtures.assertSameContent;
import static org.compresslab.study.StudyFixtures.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectStoreTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private final ProjectStore store = new ProjectStore();
    private Path downloads;
    private Path folder;
    private Path baseline;

    @BeforeEach
    void files() throws IOException {
        downloads = temp.resolve("downloads");
        folder = temp.resolve("study");
        baseline = model(downloads, "baseline.onnx", "baseline bytes");
    }

    @Test
    void aSavedProjectLoadsWithEverythingIncludingResultsAndPredictions() throws IOException {
        Project project = StudyFixtures.project(baseline);
        Run evaluation = StudyFixtures.evaluationRun(baseline.toString());
        Run quantized = StudyFixtures.quantizeRun(null, evaluation.id());
        project.addRun(evaluation);
        project.addRun(quantized);

        store.save(project, folder);
        Project loaded = store.load(folder);

        assertSameContent(loaded, project);
        assertThat(loaded.runs().get(0).result().predictions()).containsExactly(9, 2, 1, 1, 4);
        assertThat(loaded.runs().get(0).result().labels()).containsExactly(9, 2, 1, 1, 6);
        assertThat(loaded.runs().get(0).created()).isEqualTo(evaluation.created());
        assertThat(loaded.runs().get(1).recipeJson()).isEqualTo(quantized.recipeJson());
        assertThat(loaded.runs().get(1).parentRunId()).isEqualTo(evaluation.id());
        assertThat(loaded.folder()).contains(folder.toAbsolutePath().normalize());
        assertThat(loaded.loadWarnings()).isEmpty();
        JsonNode file = MAPPER.readTree(folder.resolve("project.json").toFile());
        assertThat(file.get("format").asText()).isEqualTo("compresslab-project");
        assertThat(file.get("version").asInt()).isEqualTo(1);
        assertThat(file.get("runs").get(0).get("result").get("accuracy").get("top1").asDouble()).isEqualTo(0.6);
    }

    @Test
    void aSavePreparedBeforeARunArrivedWritesTheEarlierStateAndLeavesTheProjectDirty() throws IOException {
        Project project = StudyFixtures.project(baseline);
        Run evaluation = StudyFixtures.evaluationRun(baseline.toString());
        project.addRun(evaluation);
        ProjectStore.PendingSave save = store.prepare(project, folder);
        Run later = StudyFixtures.quantizeRun(null, evaluation.id());
        project.addRun(later); // e.g. the next step finished while the files were being written

        save.write();
        save.commit();

        assertThat(store.load(folder).runs()).extracting(Run::id).containsExactly(evaluation.id());
        assertThat(project.isDirty()).isTrue();
        assertThat(project.baselineModel()).isEqualTo("models/baseline.onnx");
        store.save(project, folder);
        assertThat(project.isDirty()).isFalse();
        assertThat(store.load(folder).runs()).extracting(Run::id).containsExactly(evaluation.id(), later.id());
    }

    @Test
    void aBaselineFromOutsideTheFolderIsCopiedIntoModelsAndReferredToRelatively() throws IOException {
        Project project = StudyFixtures.project(baseline);
        project.addRun(StudyFixtures.evaluationRun(baseline.toString()));

        store.save(project, folder);

        assertThat(project.baselineModel()).isEqualTo("models/baseline.onnx");
        assertThat(project.runs().get(0).modelFile()).isEqualTo("models/baseline.onnx");
        assertThat(folder.resolve("models/baseline.onnx")).hasContent("baseline bytes");
        assertThat(baseline).hasContent("baseline bytes");
        assertThat(project.resolve(project.baselineModel())).isEqualTo(folder.resolve("models/baseline.onnx"));
        assertThat(store.load(folder).baselineModel()).isEqualTo("models/baseline.onnx");
        assertThat(tempFilesIn(folder)).isEmpty();
    }

    @Test
    void saveAsToAnotherFolderCopiesEveryModelAndLeavesTheOldFolderAlone() throws IOException {
        Project project = StudyFixtures.project(baseline);
        Path made = model(temp.resolve("scratch"), "run-1.onnx", "quantized bytes");
        project.addRun(StudyFixtures.quantizeRun(made.toString(), null));
        store.save(project, folder);
        Files.delete(made);
        byte[] oldProjectFile = Files.readAllBytes(folder.resolve("project.json"));

        Path copy = temp.resolve("copy");
        store.save(project, copy);

        assertThat(copy.resolve("models/baseline.onnx")).hasContent("baseline bytes");
        assertThat(copy.resolve("models/run-1.onnx")).hasContent("quantized bytes");
        assertThat(project.folder()).contains(copy.toAbsolutePath().normalize());
        assertThat(project.resolve(project.runs().get(0).modelFile())).isEqualTo(copy.resolve("models/run-1.onnx"));
        assertThat(folder.resolve("project.json")).hasBinaryContent(oldProjectFile);
        Project loadedCopy = store.load(copy);
        assertThat(loadedCopy.loadWarnings()).isEmpty();
        assertSameContent(loadedCopy, project);
    }

    @Test
    void aSavedModelBaselineFolderIsCopiedIntoTheProjectWithItsLayoutAndTheCopyOpens() throws IOException {
        Path savedModel = downloads.resolve("cnn");
        model(savedModel, "saved_model.pb", "graph bytes");
        model(savedModel.resolve("variables"), "variables.index", "index bytes");
        model(savedModel.resolve("variables"), "variables.data-00000-of-00001", "weight bytes");
        Project project = StudyFixtures.project(savedModel);
        project.addRun(StudyFixtures.quantizeRun(savedModel.toString(), null).withModelFile(savedModel.toString()));

        store.save(project, folder);

        assertThat(project.baselineModel()).isEqualTo("models/cnn");
        assertThat(folder.resolve("models/cnn/saved_model.pb")).hasContent("graph bytes");
        assertThat(folder.resolve("models/cnn/variables/variables.index")).hasContent("index bytes");
        assertThat(folder.resolve("models/cnn/variables/variables.data-00000-of-00001")).hasContent("weight bytes");
        Project loaded = store.load(folder);
        assertThat(loaded.loadWarnings()).isEmpty();
        assertThat(loaded.resolve(loaded.baselineModel())).isDirectory();
        // a run of the folder is not taken for a run whose model went missing (that would be a load warning)
        assertThat(loaded.runs().get(0).modelFile()).isEqualTo("models/cnn");
        // saving again copies nothing again: the folder is now inside the project
        store.save(project, folder);
        try (Stream<Path> models = Files.list(folder.resolve("models"))) {
            assertThat(models).containsExactly(folder.resolve("models/cnn"));
        }
    }

    @Test
    void savingAgainIntoTheSameFolderCopiesNothingAgain() throws IOException {
        Project project = StudyFixtures.project(baseline);
        store.save(project, folder);
        project.setName("Renamed");

        store.save(project, folder);

        try (Stream<Path> models = Files.list(folder.resolve("models"))) {
            assertThat(models).containsExactly(folder.resolve("models/baseline.onnx"));
        }
        assertThat(store.load(folder).name()).isEqualTo("Renamed");
    }

    @Test
    void modelsWithTheSameFileNameGetDistinctNames() throws IOException {
        Project project = StudyFixtures.project(baseline);
        Path other = model(temp.resolve("elsewhere"), "baseline.onnx", "other bytes");
        project.addRun(StudyFixtures.evaluationRun(other.toString()));
        project.addRun(StudyFixtures.evaluationRun(baseline.toString()));

        store.save(project, folder);

        assertThat(project.baselineModel()).isEqualTo("models/baseline.onnx");
        assertThat(project.runs().get(0).modelFile()).isEqualTo("models/baseline-2.onnx");
        assertThat(project.runs().get(1).modelFile()).isEqualTo("models/baseline.onnx");
        assertThat(folder.resolve("models/baseline-2.onnx")).hasContent("other bytes");
    }

    @Test
    void aSecondSaveKeepsThePreviousVersionAsBackup() throws IOException {
        Project project = StudyFixtures.project(baseline);
        store.save(project, folder);
        byte[] firstSave = Files.readAllBytes(folder.resolve("project.json"));
        assertThat(folder.resolve("project.json.bak")).doesNotExist();

        project.setName("Second version");
        store.save(project, folder);

        assertThat(folder.resolve("project.json.bak")).hasBinaryContent(firstSave);
        assertThat(store.load(folder).name()).isEqualTo("Second version");
        assertThat(store.loadBackup(folder).name()).isEqualTo("Fashion study");
    }

    @ParameterizedTest(name = "the disk fills up while writing {0}")
    @ValueSource(strings = {"project.json", "project.json.bak", ".onnx"})
    void aSaveThatFailsHalfWayLeavesThePreviousProjectIntact(String failingFile) throws IOException {
        Project saved = StudyFixtures.project(baseline);
        saved.addRun(StudyFixtures.evaluationRun(baseline.toString()));
        store.save(saved, folder);
        byte[] before = Files.readAllBytes(folder.resolve("project.json"));
        Project changed = store.load(folder);
        changed.setName("Unsaved name");
        Path newModel = model(temp.resolve("scratch"), "run-2.onnx", "new model");
        changed.addRun(StudyFixtures.quantizeRun(newModel.toString(), null));

        ProjectStore fillingDisk = new ProjectStore(StudyFixtures.diskFullWhenWriting(failingFile));

        assertThatThrownBy(() -> fillingDisk.save(changed, folder))
                .isInstanceOf(ProjectException.class)
                .hasMessage("Could not save the project to " + folder.toAbsolutePath().normalize()
                        + ": the disk is full. Free some space and save again; the previous version is unchanged.");
        assertThat(folder.resolve("project.json")).hasBinaryContent(before);
        assertSameContent(store.load(folder), saved);
        assertThat(tempFilesIn(folder)).isEmpty();
        assertThat(folder.resolve("models/run-2.onnx")).doesNotExist();
        assertThat(changed.isDirty()).isTrue();
        assertThat(changed.runs().get(1).modelFile()).isEqualTo(newModel.toString());
    }

    @Test
    void aFirstSaveThatFailsSaysNothingWasSaved() {
        Project project = StudyFixtures.project(baseline);
        ProjectStore fillingDisk = new ProjectStore(StudyFixtures.diskFullWhenWriting("project.json"));

        assertThatThrownBy(() -> fillingDisk.save(project, folder))
                .isInstanceOf(ProjectException.class)
                .hasMessageEndingWith("the disk is full. Free some space and save again; no project was saved there.");
        assertThat(folder.resolve("project.json")).doesNotExist();
        assertThat(folder.resolve("models/baseline.onnx")).doesNotExist();
        assertThat(project.baselineModel()).isEqualTo(baseline.toString());
        assertThat(project.folder()).isEmpty();
    }

    @Test
    void savingWhereAFileStandsInTheWayFailsWithAReadableMessage() throws IOException {
        Path aFile = Files.writeString(temp.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> store.save(StudyFixtures.project(baseline), aFile.resolve("study")))
                .isInstanceOf(ProjectException.class)
                .hasMessageStartingWith("Could not save the project to " + aFile.resolve("study"))
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aCrashBeforeTheRenameLeavesATemporaryThatLoadingIgnores() throws IOException {
        Project project = StudyFixtures.project(baseline);
        store.save(project, folder);
        // what a crash after writing half of the next save's temporary leaves behind
        Files.writeString(folder.resolve("project.json.tmp"), "{\"format\":\"compresslab-proj");

        assertSameContent(store.load(folder), project);
        store.save(project, folder);
        assertThat(folder.resolve("project.json.tmp")).doesNotExist();
    }

    @Test
    void aProjectFromANewerCompressLabIsRefusedNotMisread() throws IOException {
        store.save(StudyFixtures.project(baseline), folder);
        rewriteProjectFile(json -> json.put("version", 2));

        assertThatThrownBy(() -> store.load(folder))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("this project was saved by a newer CompressLab (format version 2);"
                        + " this version reads format 1. Update CompressLab to open it.");
    }

    @Test
    void aFileOfAnotherFormatIsNotACompressLabProject() throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("project.json"), "{\"name\":\"some other tool's project\",\"version\":1}");

        assertThatThrownBy(() -> store.load(folder))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("not a CompressLab project");
    }

    @Test
    void damagedJsonIsReportedWithTheBackupWhichCanBeOpenedInstead() throws IOException {
        Project project = StudyFixtures.project(baseline);
        store.save(project, folder);
        project.setName("Second version");
        store.save(project, folder);
        Files.writeString(folder.resolve("project.json"), "{\"format\":\"compresslab-project\",\"vers");

        assertThatThrownBy(() -> store.load(folder))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.backupAvailable()).isTrue())
                .hasMessageContaining("is damaged")
                .hasMessageContaining("A backup of the previous save exists (project.json.bak)");
        Project fromBackup = store.loadBackup(folder);
        assertThat(fromBackup.name()).isEqualTo("Fashion study");
        assertThat(fromBackup.isDirty()).as("the backup differs from project.json until saved").isTrue();
        store.save(fromBackup, folder);
        assertThat(store.load(folder).name()).isEqualTo("Fashion study");
    }

    @Test
    void damagedJsonWithoutABackupSaysItIsDamagedAndOffersNothing() throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("project.json"), "");

        assertThatThrownBy(() -> store.load(folder))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.backupAvailable()).isFalse())
                .hasMessageContaining("is damaged")
                .hasMessageNotContaining("backup");
    }

    @Test
    void validJsonWithAMissingFieldIsDamagedAndNamesTheField() throws IOException {
        Project project = StudyFixtures.project(baseline);
        project.addRun(StudyFixtures.evaluationRun(baseline.toString()));
        store.save(project, folder);
        rewriteProjectFile(json -> ((ObjectNode) json.get("runs").get(0)).remove("created"));

        assertThatThrownBy(() -> store.load(folder))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("run 1")
                .hasMessageContaining("created");
    }

    @Test
    void aFolderWithoutAProjectIsRefusedClearly() throws IOException {
        assertThatThrownBy(() -> store.load(temp.resolve("nowhere")))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("does not exist");
        Files.createDirectories(folder);
        assertThatThrownBy(() -> store.load(folder))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("has no project.json");
    }

    @Test
    void aRunWhoseModelIsMissingIsMarkedAndTheRestOfTheProjectLoads() throws IOException {
        Project project = StudyFixtures.project(baseline);
        Path made = model(temp.resolve("scratch"), "run-1.onnx", "quantized bytes");
        Run lost = StudyFixtures.evaluationRun(made.toString());
        Run kept = StudyFixtures.evaluationRun(baseline.toString());
        project.addRun(lost);
        project.addRun(kept);
        store.save(project, folder);
        Path lostFile = folder.resolve("models/run-1.onnx");
        byte[] lostBytes = Files.readAllBytes(lostFile);
        Files.delete(lostFile);

        Project loaded = store.load(folder);

        Run marked = loaded.run(lost.id()).orElseThrow();
        assertThat(marked.status()).isEqualTo(Run.MISSING_MODEL);
        assertThat(marked.message()).contains("models/run-1.onnx").contains("missing");
        StudyFixtures.assertSameResult(marked.result(), lost.result());
        assertThat(loaded.run(kept.id()).orElseThrow().status()).isEqualTo(Run.FINISHED);
        assertThat(loaded.loadWarnings()).singleElement().asString()
                .contains("Baseline evaluation").contains("models/run-1.onnx");
        assertThat(loaded.isDirty()).isFalse();

        // "missing" describes the folder, not the run: saving keeps the run's real status
        store.save(loaded, folder);
        Files.write(lostFile, lostBytes);
        Project restored = store.load(folder);
        assertThat(restored.run(lost.id()).orElseThrow().status()).isEqualTo(Run.FINISHED);
        assertThat(restored.loadWarnings()).isEmpty();
    }

    @Test
    void aMissingBaselineIsAWarning() throws IOException {
        store.save(StudyFixtures.project(baseline), folder);
        Files.delete(folder.resolve("models/baseline.onnx"));

        assertThat(store.load(folder).loadWarnings()).singleElement().asString()
                .contains("baseline model models/baseline.onnx is missing");
    }

    @Test
    void loadingAndSavingLeaveTheProjectClean() {
        Project project = StudyFixtures.project(baseline);
        assertThat(project.isDirty()).isTrue();

        store.save(project, folder);
        assertThat(project.isDirty()).isFalse();

        Project loaded = store.load(folder);
        assertThat(loaded.isDirty()).isFalse();
        loaded.addRun(StudyFixtures.evaluationRun("models/baseline.onnx"));
        assertThat(loaded.isDirty()).isTrue();
    }

    private void rewriteProjectFile(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path file = folder.resolve("project.json");
        ObjectNode json = (ObjectNode) MAPPER.readTree(file.toFile());
        edit.accept(json);
        MAPPER.writeValue(file.toFile(), json);
    }

    private static java.util.List<Path> tempFilesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
