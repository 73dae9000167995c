package org.compresslab.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.compresslab.ui.dialogs.FxDialogService;
import org.compresslab.ui.shell.AppPreferences;
import org.compresslab.ui.tasks.TaskExecutor;

/** The JavaFX application: shows the window at once, then opens the last project (or the demo). */
public class CompressLabApp extends Application {
    private TaskExecutor tasks;
    private AppPreferences preferences;
    private Workbench workbench;
    private Stage stage;

    public static void start(String[] args) {
        Application.launch(CompressLabApp.class, args);
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        preferences = AppPreferences.forUser();
        tasks = TaskExecutor.forFx();
        workbench = new Workbench(tasks, new FxDialogService(() -> stage), preferences, this::quit);
        Scene scene = new Scene(workbench.root());
        stage.setScene(scene);
        stage.titleProperty().bind(workbench.main().titleProperty());
        restoreBounds();
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.show();
        // opening a project reads files: after the window is up, so it appears at once
        Platform.runLater(() -> {
            if (!getParameters().getRaw().isEmpty()) {
                workbench.main().open(java.nio.file.Path.of(getParameters().getRaw().get(0)));
            } else {
                workbench.main().openStartupProject();
            }
        });
    }

    private void restoreBounds() {
        AppPreferences.WindowBounds b = preferences.windowBounds();
        stage.setWidth(b.width());
        stage.setHeight(b.height());
        if (!Double.isNaN(b.x()) && !Double.isNaN(b.y()) && onSomeScreen(b)) {
            stage.setX(b.x());
            stage.setY(b.y());
        }
        stage.setMaximized(b.maximized());
    }

    private static boolean onSomeScreen(AppPreferences.WindowBounds b) {
        return !javafx.stage.Screen.getScreensForRectangle(b.x(), b.y(), Math.max(1, b.width() / 4), 40).isEmpty();
    }

    private void quit() {
        if (!workbench.main().prepareToQuit()) {
            return;
        }
        preferences.setWindowBounds(new AppPreferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized()));
        preferences.flush();
        tasks.shutdown();
        Platform.exit();
    }
}
