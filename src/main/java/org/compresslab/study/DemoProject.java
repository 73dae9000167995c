package org.compresslab.study;

import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.data.Datasets;
import org.compresslab.eval.EvaluationSettings;

/**
 * The ready-made project a new user meets: the bundled Fashion-MNIST model and dataset, so Evaluate
 * works at once. Created on first use in the user's data folder; never overwritten once there.
 */
public final class DemoProject {
    public static final String NAME = "Demo — Fashion-MNIST";

    private DemoProject() {
    }

    /** The user's CompressLab data folder ({@code $COMPRESSLAB_DATA} or {@code ~/.compresslab}). */
    public static Path dataFolder() {
        String env = System.getenv("COMPRESSLAB_DATA");
        String prop = System.getProperty("compresslab.data");
        String chosen = prop != null ? prop : env;
        return chosen != null ? Path.of(chosen) : Path.of(System.getProperty("user.home"), ".compresslab");
    }

    /** The demo project's folder, created (with a copy of the sample model) if it does not exist yet. */
    public static Path ensure(Path dataFolder) {
        Path folder = dataFolder.resolve("demo-project");
        if (Files.isRegularFile(folder.resolve(ProjectStore.PROJECT_FILE))) {
            return folder;
        }
        Path model = SampleModels.demoModel().orElseThrow(() -> new ProjectException(
                "The sample model " + SampleModels.DEMO_MODEL + " was not found; CompressLab's installation is incomplete."));
        Project p = new Project(NAME);
        p.setBaselineModel(model.toAbsolutePath().toString());
        p.setDataset(new DatasetChoice(Datasets.FASHION_MNIST, "test", null));
        p.setSettings(EvaluationSettings.defaults());
        new ProjectStore().save(p, folder);
        return folder;
    }
}
