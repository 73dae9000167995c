package org.compresslab.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.data.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingSidecarTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithoutTheFileHasNoPreprocessing() {
        assertThat(PreprocessingSidecar.read(dir)).isEmpty();
    }

    @Test
    void anNhwcLayoutIsStoredAsTheImportedModelsNchw() throws IOException {
        Files.createDirectories(dir.resolve("assets.extra"));
        Files.writeString(dir.resolve("assets.extra").resolve(PreprocessingSidecar.FILE_NAME),
                "{\"width\":32,\"height\":32,\"channels\":3,\"mean\":[0.5],\"std\":[0.25],\"layout\":\"NHWC\"}");

        Preprocessing p = Preprocessing.fromJson(PreprocessingSidecar.read(dir).orElseThrow());

        assertThat(p.layout()).isEqualTo(Preprocessing.NCHW);
        assertThat(p.width()).isEqualTo(32);
        assertThat(p.channels()).isEqualTo(3);
    }

    @Test
    void malformedJsonNamesTheFileAndWhatToDo() throws IOException {
        Files.writeString(dir.resolve(PreprocessingSidecar.FILE_NAME), "{\"width\":28,");

        assertThatThrownBy(() -> PreprocessingSidecar.read(dir))
                .isInstanceOf(SavedModelException.class)
                .hasMessageContaining(PreprocessingSidecar.FILE_NAME)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("delete it");
    }
}
