package org.compresslab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed CompressLab starts from jpackage's native launcher, which cannot set environment variables,
 * yet the engine needs some before the process starts (oneDNN's ISA cap, glibc's malloc tunables, DJL
 * offline). So the installed launcher runs itself once more with them and passes on the exit code.
 *
 * <p>{@code bin/engine-env.sh} — the file the repository's launcher, CI and scripts source — is the one list
 * of those variables. Where there is a {@code /bin/sh} (Linux, macOS) the re-run sources it, shell logic
 * included. Windows has no shell to source it with, so there its plain {@code export NAME=value} lines are
 * read and set directly; what it computes in shell code (glibc's tunables) only matters on glibc anyway.
 */
final class InstalledLauncher {
    /** Set by the installer's launcher (jpackage {@code --java-options}): where engine-env.sh lies. */
    static final String ENV_FILE_PROPERTY = "compresslab.envFile";
    static final String MARKER = "COMPRESSLAB_ENGINE_ENV";
    /**
     * jpackage's Linux launcher marks its process with this variable; a launcher that inherits it behaves as a
     * plain {@code java} command and takes the arguments for JVM options ({@code --version} prints Java's).
     */
    private static final String JPACKAGE_LAUNCHER_MARK = "_JPACKAGE_LAUNCHER";
    private static final Path SHELL = Path.of("/bin/sh");
    /** Only literal values: anything the shell would expand or unquote is left to the shell. */
    private static final Pattern PLAIN_EXPORT = Pattern.compile("export ([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z0-9_.,:/+@%=-]*)\\s*");

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
        boolean viaShell = !System.getProperty("os.name", "").startsWith("Windows") && Files.isExecutable(SHELL);
        try {
            Process child = relaunch(Path.of(envFile), self.get(), List.of(args), viaShell).inheritIO().start();
            if (!viaShell) {
                // Some JDKs start a Windows child with CREATE_NO_WINDOW even when it inherits the console,
                // and then Ctrl+C reaches only this process: take the child down with it rather than leave
                // it running unseen.
                Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "compresslab-relaunch-stop"));
            }
            return Optional.of(child.waitFor());
        } catch (IOException e) {
            System.err.println("compresslab: note: cannot set the engine's environment (" + e.getMessage()
                    + "); continuing without it");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /**
     * The re-run of {@code self} with {@code args}: through the shell, which sources {@code envFile}, or
     * without one, with the file's plain exports put into the child's environment.
     */
    static ProcessBuilder relaunch(Path envFile, String self, List<String> args, boolean viaShell) throws IOException {
        List<String> command = new ArrayList<>();
        if (viaShell) {
            command.addAll(List.of(SHELL.toString(), "-c", ". \"$0\" && exec \"$@\"", envFile.toString()));
        }
        command.add(self);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove(JPACKAGE_LAUNCHER_MARK);
        if (!viaShell) {
            pb.environment().putAll(plainExports(Files.readAllLines(envFile, StandardCharsets.UTF_8)));
        }
        pb.environment().put(MARKER, "1");
        String home = System.getProperty("compresslab.home");
        if (home != null) {
            pb.environment().putIfAbsent("COMPRESSLAB_HOME", home); // where the bundled dataset is looked for
        }
        return pb;
    }

    /**
     * The {@code export NAME=value} lines of a shell file that set a literal value at the top level (the line
     * starts with {@code export}), in file order; later lines win, as in the shell.
     */
    static Map<String, String> plainExports(List<String> lines) {
        Map<String, String> exports = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = PLAIN_EXPORT.matcher(line);
            if (m.matches()) {
                exports.put(m.group(1), m.group(2));
            }
        }
        return exports;
    }
}
