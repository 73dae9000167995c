package org.compresslab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the project's files from tests, whether run by Maven or an IDE. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path projectRoot() {
        String prop = System.getProperty("compresslab.root");
        if (prop != null) {
            return Paths.get(prop);
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the project root from " + Paths.get("").toAbsolutePath());
        }
        return p;
    }

    public static Path fixture(String name) {
        return projectRoot().resolve("src/test/resources/fixtures").resolve(name);
    }
}
