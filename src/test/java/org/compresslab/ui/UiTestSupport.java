package org.compresslab.ui;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.compresslab.ui.shell.AppPreferences;
import org.testfx.util.WaitForAsyncUtils;

/** Shared pieces of the UI tests: throw-away preferences and waiting for background work. */
public final class UiTestSupport {
    private UiTestSupport() {
    }

    private static final Preferences TEST_ROOT = Preferences.userRoot().node("org/compresslab/test");

    static {
        // the test nodes must not pile up in the user's preferences store
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                TEST_ROOT.removeNode();
                TEST_ROOT.flush();
            } catch (BackingStoreException | IllegalStateException e) {
                // best effort at JVM exit
            }
        }));
    }

    /** Preferences in a fresh node, so tests never see or touch a user's settings. */
    public static AppPreferences freshPreferences() {
        return new AppPreferences(TEST_ROOT.node(UUID.randomUUID().toString()));
    }


    /** Waits (up to {@code seconds}) until the condition, evaluated on the FX thread, holds. */
    public static void waitUntil(int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                boolean[] result = new boolean[1];
                WaitForAsyncUtils.asyncFx(() -> result[0] = condition.getAsBoolean()).get();
                return result[0];
            });
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }
}
