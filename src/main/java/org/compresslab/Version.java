package org.compresslab;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application's version, filled in by the build. */
public final class Version {
    private Version() {
    }

    public static String current() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
