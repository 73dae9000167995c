package org.compresslab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the installed launcher re-runs itself; from the repository, tests and IDEs nothing happens. */
class InstalledLauncherTest {
    @AfterEach
    void clear() {
        System.clearProperty(InstalledLauncher.ENV_FILE_PROPERTY);
    }

    @Test
    void withoutTheInstallersPropertyTheProcessRunsAsItIs() {
        assertThat(InstalledLauncher.relaunchWithEngineEnvironment(new String[] {"--version"})).isEmpty();
    }

    @Test
    void aMissingEnvironmentFileIsNotFatal(@TempDir Path dir) {
        System.setProperty(InstalledLauncher.ENV_FILE_PROPERTY, dir.resolve("engine-env.sh").toString());
        assertThat(InstalledLauncher.relaunchWithEngineEnvironment(new String[] {"--version"})).isEmpty();
    }

    @Test
    void theBundledEnvironmentFileIsTheRepositorysOwn() {
        // the installer copies bin/engine-env.sh: the file the re-run sources must exist and set the engine's needs
        Path env = TestFiles.projectRoot().resolve("bin/engine-env.sh");
        assertThat(env).exists().content().contains("DNNL_MAX_CPU_ISA=AVX2", "DJL_OFFLINE=true", "GLIBC_TUNABLES");
    }
}
