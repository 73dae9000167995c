package org.compresslab.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the bundled sample models (the repository's or installation's sample-models folder). */
public final class SampleModels {
    /** The demo's baseline: the ResNet-20 teacher trained here, or the small CNN until it has been trained. */
    public static final String DEMO_MODEL = "resnet20.onnx";
    static final String FALLBACK_DEMO_MODEL = "fashion-cnn.onnx";

    private SampleModels() {
    }

    public static Optional<Path> directory() {
        String prop = System.getProperty("compresslab.home");
        if (prop != null && Files.isDirectory(Path.of(prop, "sample-models"))) {
            return Optional.of(Path.of(prop, "sample-models"));
        }
        String env = System.getenv("COMPRESSLAB_HOME");
        if (env != null && Files.isDirectory(Path.of(env, "sample-models"))) {
            return Optional.of(Path.of(env, "sample-models"));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-models"))) {
                return Optional.of(p.resolve("sample-models"));
            }
        }
        return Optional.empty();
    }

    public static Optional<Path> demoModel() {
        Optional<Path> dir = directory();
        return dir.map(d -> d.resolve(DEMO_MODEL)).filter(Files::isRegularFile)
                .or(() -> dir.map(d -> d.resolve(FALLBACK_DEMO_MODEL)).filter(Files::isRegularFile));
    }
}
