package org.compresslab.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings remembered between runs (window size, last folder, recent projects), stored with
 * java.util.prefs. Tests use a separate node so they never touch a user's settings.
 */
public final class AppPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(AppPreferences.class);
    private static final int MAX_RECENT = 8;

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    public static AppPreferences forUser() {
        return new AppPreferences(Preferences.userRoot().node("org/compresslab/workbench"));
    }

    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public WindowBounds windowBounds() {
        return new WindowBounds(node.getDouble("window.x", Double.NaN), node.getDouble("window.y", Double.NaN),
                node.getDouble("window.width", 1280), node.getDouble("window.height", 820),
                node.getBoolean("window.maximized", false));
    }

    public void setWindowBounds(WindowBounds b) {
        node.putDouble("window.x", b.x());
        node.putDouble("window.y", b.y());
        node.putDouble("window.width", b.width());
        node.putDouble("window.height", b.height());
        node.putBoolean("window.maximized", b.maximized());
    }

    /** The folder of the last file opened or saved, or the home folder. */
    public Path lastFolder() {
        String p = node.get("lastFolder", System.getProperty("user.home"));
        Path path = Path.of(p);
        return Files.isDirectory(path) ? path : Path.of(System.getProperty("user.home"));
    }

    public void setLastFolder(Path folder) {
        if (folder != null) {
            node.put("lastFolder", folder.toAbsolutePath().toString());
        }
    }

    /** Recently opened projects, most recent first, existing folders only. */
    public List<Path> recentProjects() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = node.get("recent." + i, null);
            if (p != null && Files.isDirectory(Path.of(p))) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void addRecentProject(Path folder) {
        List<Path> list = new ArrayList<>(recentProjects());
        Path abs = folder.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                node.put("recent." + i, list.get(i).toString());
            } else {
                node.remove("recent." + i);
            }
        }
    }

    public boolean demoOffered() {
        return node.getBoolean("demoOffered", false);
    }

    public void setDemoOffered(boolean offered) {
        node.putBoolean("demoOffered", offered);
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            LOG.warn("could not store preferences", e);
        }
    }
}
