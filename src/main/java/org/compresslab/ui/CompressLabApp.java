package org.compresslab.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
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
        // the window shows at once with a light placeholder; the workbench is built right after
        Label starting = new Label("Starting CompressLab…");
        starting.setStyle("-fx-font-size: 16px; -fx-text-fill: #5f6b7a;");
        Scene scene = new Scene(new StackPane(starting));
        stage.setScene(scene);
        stage.setTitle("CompressLab");
        restoreBounds();
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.show();
        probe("window-shown-ms");
        Platform.runLater(() -> buildWorkbench(scene));
    }

    private void buildWorkbench(Scene scene) {
        workbench = new Workbench(tasks, new FxDialogService(() -> stage), preferences, this::quit);
        scene.setRoot(workbench.root());
        stage.titleProperty().bind(workbench.main().titleProperty());
        if (Boolean.getBoolean("compresslab.startupProbe")) {
            // one more pulse so the workbench has been laid out and drawn
            Platform.runLater(() -> {
                probe("workbench-ready-ms");
                tasks.shutdown();
                Platform.exit();
            });
            return;
        }
        // opening a project reads files: after the workbench is up
        Platform.runLater(() -> {
            if (!getParameters().getRaw().isEmpty()) {
                workbench.main().open(java.nio.file.Path.of(getParameters().getRaw().get(0)));
            } else {
                workbench.main().openStartupProject();
            }
        });
    }

    /** For bench/startup-time.sh: prints the JVM's uptime at a startup milestone. */
    private static void probe(String milestone) {
        if (Boolean.getBoolean("compresslab.startupProbe")) {
            System.out.println(milestone + "=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            System.out.flush();
        }
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
        if (workbench != null && !workbench.main().prepareToQuit()) {
            return;
        }
        preferences.setWindowBounds(new AppPreferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized()));
        preferences.flush();
        tasks.shutdown();
        Platform.exit();
    }
}
