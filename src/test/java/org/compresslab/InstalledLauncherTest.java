package org.compresslab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Only the installed launcher re-runs itself; from the repository, tests and IDEs nothing happens. */
class InstalledLauncherTest {
    /** A literal export, one the shell computes, and one only set inside shell logic. */
    private static final List<String> ENV_FILE = List.of(
            "# comment",
            "export CL_TEST_PLAIN=one",
            "export CL_TEST_COMPUTED=\"${CL_TEST_PLAIN}-two\"",
            "case x in",
            "    *) export CL_TEST_NESTED=three ;;",
            "esac");

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

    @Test
    void withoutAShellTheRepositorysEnvironmentFileStillGivesTheEngineItsVariables() throws IOException {
        // what Windows gets: engine-env.sh's literal exports; glibc's tunables are shell logic and glibc-only
        Map<String, String> exports = InstalledLauncher.plainExports(
                Files.readAllLines(TestFiles.projectRoot().resolve("bin/engine-env.sh")));
        assertThat(exports).containsEntry("DNNL_MAX_CPU_ISA", "AVX2").containsEntry("DJL_OFFLINE", "true")
                .containsEntry("OPT_OUT_TRACKING", "true").doesNotContainKey("GLIBC_TUNABLES");
    }

    @Test
    void onlyLiteralTopLevelExportsAreReadWithoutAShell() {
        assertThat(InstalledLauncher.plainExports(ENV_FILE)).containsExactly(Map.entry("CL_TEST_PLAIN", "one"));
        assertThat(InstalledLauncher.plainExports(List.of("export A=1", "export A=2  ", "exportB=3", "export C='x'")))
                .containsExactly(Map.entry("A", "2"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void throughTheShellTheChildGetsEverythingTheFileSetsAndTheArguments(@TempDir Path dir) throws Exception {
        List<String> seen = runPrintenv(dir, true);
        assertThat(seen).containsExactly("one", "one-two", "three", "1");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void withoutAShellTheChildGetsTheLiteralExportsAndTheArguments(@TempDir Path dir) throws Exception {
        List<String> seen = runPrintenv(dir, false);
        // printenv prints only the variables that are set, in the order asked
        assertThat(seen).containsExactly("one", "1");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aJpackageLauncherReRunsItselfAsTheApplicationWithItsArgumentsAndTheEngineEnvironment(@TempDir Path dir)
            throws Exception {
        // jpackage's launcher marks its process; a re-run that inherited the mark acted as `java` and
        // printed Java's own --version (and took a subcommand for a main class)
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElse(null);
        ToolProvider jpackage = ToolProvider.findFirst("jpackage").orElse(null);
        assumeTrue(jlink != null && jpackage != null, "needs a JDK with jlink and jpackage");
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("bin"));
        Files.write(input.resolve("bin/engine-env.sh"), ENV_FILE, StandardCharsets.UTF_8);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(input.resolve("probe.jar")))) {
            for (Class<?> c : List.of(InstalledLauncher.class, InstalledLauncherProbe.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        Path runtime = dir.resolve("runtime");
        run(jlink, "--add-modules", "java.base", "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", runtime.toString());
        run(jpackage, "--type", "app-image", "--name", "probe", "--input", input.toString(),
                "--main-jar", "probe.jar", "--main-class", InstalledLauncherProbe.class.getName(),
                "--runtime-image", runtime.toString(), "--dest", dir.resolve("image").toString(),
                "--java-options", "-D" + InstalledLauncher.ENV_FILE_PROPERTY + "=$APPDIR/bin/engine-env.sh");

        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(dir.resolve("image/probe/bin/probe").toString(), "--version", "b c")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(out)).containsExactly("probe --version|b c one");
        assertThat(p.exitValue()).isZero();
    }

    private static void run(ToolProvider tool, String... args) {
        StringWriter log = new StringWriter();
        PrintWriter writer = new PrintWriter(log);
        int code = tool.run(writer, writer, args);
        assertThat(code).as("%s %s%n%s", tool.name(), String.join(" ", args), log).isZero();
    }

    /** Re-runs printenv as the launcher would re-run itself; it prints the named variables' values. */
    private static List<String> runPrintenv(Path dir, boolean viaShell) throws Exception {
        Path envFile = dir.resolve("engine-env.sh");
        Files.write(envFile, ENV_FILE, StandardCharsets.UTF_8);
        ProcessBuilder pb = InstalledLauncher.relaunch(envFile, "/usr/bin/printenv",
                List.of("CL_TEST_PLAIN", "CL_TEST_COMPUTED", "CL_TEST_NESTED", InstalledLauncher.MARKER), viaShell);
        Path out = dir.resolve("out.txt");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return Files.readAllLines(out);
    }
}
