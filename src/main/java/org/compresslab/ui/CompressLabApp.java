package org.compresslab.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.compresslab.Version;

/** The JavaFX application. For now a plain window; the workbench grows here. */
public class CompressLabApp extends Application {

    public static void start(String[] args) {
        Application.launch(CompressLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("CompressLab " + Version.current());
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        Label hint = new Label("The workbench window is under construction. Use the command line meanwhile:\n"
                + "  bin/compresslab inspect MODEL.onnx\n  bin/compresslab evaluate MODEL.onnx --dataset fashion-mnist");
        VBox root = new VBox(12, title, hint);
        root.setPadding(new Insets(24));
        stage.setTitle("CompressLab");
        stage.setScene(new Scene(root, 720, 400));
        stage.show();
    }
}
