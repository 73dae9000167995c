package org.compresslab.ui.tasks;

/** Where callbacks that change UI state run: the FX thread in the app, the calling thread in tests. */
@FunctionalInterface
public interface UiThread {
    void run(Runnable action);

    static UiThread fx() {
        return action -> {
            if (javafx.application.Platform.isFxApplicationThread()) {
                action.run();
            } else {
                javafx.application.Platform.runLater(action);
            }
        };
    }

    static UiThread sameThread() {
        return Runnable::run;
    }
}
