package org.compresslab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPreferencesTest {
    private final Preferences node = Preferences.userRoot().node("org/compresslab/test/" + UUID.randomUUID());
    private final AppPreferences preferences = new AppPreferences(node);

    @TempDir
    Path dir;

    @AfterEach
    void removeNode() throws BackingStoreException {
        node.removeNode();
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name)).toAbsolutePath().normalize();
    }

    // ---- window ---------------------------------------------------------------------------------

    @Test
    void windowBoundsDefaultToAFreshWindowWithoutAPosition() {
        AppPreferences.WindowBounds b = preferences.windowBounds();

        assertThat(b.x()).isNaN();
        assertThat(b.y()).isNaN();
        assertThat(b.width()).isEqualTo(1280);
        assertThat(b.height()).isEqualTo(820);
        assertThat(b.maximized()).isFalse();
    }

    @Test
    void windowBoundsAreRememberedAcrossInstances() {
        AppPreferences.WindowBounds bounds = new AppPreferences.WindowBounds(40.5, -12, 1600, 900, true);

        preferences.setWindowBounds(bounds);

        assertThat(new AppPreferences(node).windowBounds()).isEqualTo(bounds);
    }

    // ---- last folder ----------------------------------------------------------------------------

    @Test
    void lastFolderIsTheHomeFolderUntilOneIsSet() throws Exception {
        assertThat(preferences.lastFolder()).isEqualTo(Path.of(System.getProperty("user.home")));

        Path models = folder("models");
        preferences.setLastFolder(models);
        assertThat(new AppPreferences(node).lastFolder()).isEqualTo(models);
    }

    @Test
    void lastFolderFallsBackToHomeWhenTheFolderWasDeleted() throws Exception {
        Path gone = folder("gone");
        preferences.setLastFolder(gone);
        Files.delete(gone);

        assertThat(preferences.lastFolder()).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void settingNoLastFolderKeepsThePreviousOne() throws Exception {
        Path models = folder("models");
        preferences.setLastFolder(models);

        preferences.setLastFolder(null);

        assertThat(preferences.lastFolder()).isEqualTo(models);
    }

    // ---- recent projects ------------------------------------------------------------------------

    @Test
    void recentProjectsListTheMostRecentFirst() throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        Path c = folder("c");

        preferences.addRecentProject(a);
        preferences.addRecentProject(b);
        preferences.addRecentProject(c);

        assertThat(preferences.recentProjects()).containsExactly(c, b, a);
        assertThat(new AppPreferences(node).recentProjects()).containsExactly(c, b, a);
    }

    @Test
    void reopeningAProjectMovesItToTheFrontWithoutADuplicate() throws Exception {
        Path a = folder("a");
        Path b = folder("b");
        preferences.addRecentProject(a);
        preferences.addRecentProject(b);

        preferences.addRecentProject(a);
        // the same folder spelt differently is still the same project
        preferences.addRecentProject(dir.resolve("b/../b/."));

        assertThat(preferences.recentProjects()).containsExactly(b, a);
    }

    @Test
    void atMostEightRecentProjectsAreKeptTheOldestDropped() throws Exception {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path f = folder("p" + i);
            folders.add(f);
            preferences.addRecentProject(f);
        }

        assertThat(preferences.recentProjects()).hasSize(8)
                .containsExactly(folders.get(9), folders.get(8), folders.get(7), folders.get(6), folders.get(5),
                        folders.get(4), folders.get(3), folders.get(2));
    }

    @Test
    void deletedProjectFoldersAreSkippedAndTheirPlaceReused() throws Exception {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path f = folder("p" + i);
            folders.add(f);
            preferences.addRecentProject(f);
        }
        Files.delete(folders.get(3));

        assertThat(preferences.recentProjects()).hasSize(7).doesNotContain(folders.get(3))
                .startsWith(folders.get(7), folders.get(6), folders.get(5), folders.get(4), folders.get(2));

        Path fresh = folder("fresh");
        preferences.addRecentProject(fresh);
        assertThat(preferences.recentProjects()).hasSize(8).startsWith(fresh, folders.get(7)).endsWith(folders.get(0));
    }

    @Test
    void theDemoIsOfferedOnlyOnce() {
        assertThat(preferences.demoOffered()).isFalse();

        preferences.setDemoOffered(true);

        assertThat(new AppPreferences(node).demoOffered()).isTrue();
    }
}
