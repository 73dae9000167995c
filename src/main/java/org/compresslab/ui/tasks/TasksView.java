package org.compresslab.ui.tasks;

import java.io.IOException;
import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The tasks panel: every running and finished task with progress, elapsed time, cancel and errors. */
public final class TasksView {
    private final TaskExecutor executor;

    @FXML private ListView<TaskEntry> list;

    private TasksView(TaskExecutor executor) {
        this.executor = executor;
    }

    public static Parent load(TaskExecutor executor) {
        FXMLLoader loader = new FXMLLoader(TasksView.class.getResource("Tasks.fxml"));
        loader.setControllerFactory(c -> new TasksView(executor));
        try {
            return loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Tasks.fxml", e);
        }
    }

    @FXML
    private void initialize() {
        list.setItems(executor.tasks());
        list.setCellFactory(l -> new TaskCell());
        list.setPlaceholder(new Label("No tasks yet."));
        // a finished task's row must show its outcome, and the newest task should be in view
        executor.tasks().addListener((javafx.collections.ListChangeListener<TaskEntry>) c -> {
            while (c.next()) {
                for (TaskEntry added : c.getAddedSubList()) {
                    added.stateProperty().addListener((o, was, is) -> list.refresh());
                }
            }
            javafx.application.Platform.runLater(() -> {
                if (!list.getItems().isEmpty()) {
                    list.scrollTo(list.getItems().size() - 1);
                }
            });
        });
        // elapsed times tick while something runs
        Timeline tick = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> {
            if (executor.hasRunningTasks()) {
                list.refresh();
            }
        }));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
    }

    @FXML
    private void clearFinished() {
        executor.clearFinished();
    }

    private static String elapsed(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? d.toMillis() / 100 / 10.0 + " s" : String.format("%d:%02d", s / 60, s % 60);
    }

    private static final class TaskCell extends ListCell<TaskEntry> {
        @Override
        protected void updateItem(TaskEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(entry.title());
            title.getStyleClass().add("task-title");
            Label state = new Label(entry.state().name().toLowerCase() + " · " + elapsed(entry.elapsed()));
            state.getStyleClass().add("hint");
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(entry.progressProperty());
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setVisible(!entry.state().isDone());
            bar.setManaged(!entry.state().isDone());
            Button cancel = new Button("Cancel");
            cancel.setDisable(entry.state().isDone() || entry.isCancelRequested());
            cancel.setOnAction(e -> {
                entry.cancel();
                cancel.setDisable(true);
            });
            Label message = new Label();
            message.textProperty().bind(entry.errorProperty().isNull().get() ? entry.messageProperty() : entry.errorProperty());
            message.setWrapText(true);
            if (entry.state() == TaskState.FAILED) {
                message.getStyleClass().add("error-text");
                message.setTooltip(new Tooltip(entry.errorProperty().get()));
            }
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, title, spacer, state, cancel);
            top.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(3, top, bar, message);
            box.setMaxWidth(Double.MAX_VALUE);
            setGraphic(box);
            setText(null);
        }
    }
}
