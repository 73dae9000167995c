package org.compresslab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An installed CompressLab starts from jpackage's native launcher, which cannot set environment variables,
 * yet the engine needs some before the process starts (oneDNN's ISA cap, glibc's malloc tunables, DJL
 * offline). So the installed launcher runs itself once more through {@code bin/engine-env.sh} — the same
 * file the repository's launcher, CI and scripts source — and passes on the exit code.
 */
final class InstalledLauncher {
    /** Set by the installer's launcher (jpackage {@code --java-options}): where engine-env.sh lies. */
    static final String ENV_FILE_PROPERTY = "compresslab.envFile";
    private static final String MARKER = "COMPRESSLAB_ENGINE_ENV";

    private InstalledLauncher() {
    }

    /** The exit code of the re-launched process, or empty when this process already has the environment. */
    static Optional<Integer> relaunchWithEngineEnvironment(String[] args) {
        String envFile = System.getProperty(ENV_FILE_PROPERTY);
        if (envFile == null || System.getenv(MARKER) != null || !Files.isRegularFile(Path.of(envFile))) {
            return Optional.empty();
        }
        Optional<String> self = ProcessHandle.current().info().command();
        if (self.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", ". \"$0\" && exec \"$@\"", envFile, self.get()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(MARKER, "1");
        String home = System.getProperty("compresslab.home");
        if (home != null) {
            pb.environment().putIfAbsent("COMPRESSLAB_HOME", home); // where the bundled dataset is looked for
        }
        try {
            return Optional.of(pb.start().waitFor());
        } catch (IOException e) {
            System.err.println("compresslab: note: cannot set the engine's environment (" + e.getMessage()
                    + "); continuing without it");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }
}
