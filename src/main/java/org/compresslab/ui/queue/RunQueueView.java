package org.compresslab.ui.queue;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskState;

/**
 * The run queue page: every queued run with its step, progress and a Cancel button; beside it the
 * selected run's live training curve and notes. "New run…" opens the wizard.
 */
public final class RunQueueView {
    private RunQueueView() {
    }

    public static Parent load(RunQueueViewModel vm, Runnable newRun) {
        ListView<QueuedRun> list = new ListView<>(vm.queue());
        list.setId("runQueue");
        list.setPlaceholder(placeholder());
        list.setCellFactory(l -> new QueuedRunCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> list.getSelectionModel().select(now));

        NumberAxis x = new NumberAxis();
        x.setLabel("training progress (phases: 1 = one fine-tuning done)");
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel("training loss");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("trainingCurve");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setTitle("Live training curve");
        Label notes = new Label();
        notes.setWrapText(true);
        notes.getStyleClass().add("hint");
        CurveBinding curve = new CurveBinding(chart, notes);
        vm.selectedProperty().addListener((o, was, now) -> curve.show(now));
        curve.show(vm.selectedProperty().get());

        Button newRunButton = new Button("New compression run…");
        newRunButton.setId("newRun");
        newRunButton.setOnAction(e -> newRun.run());
        Button cancelAll = new Button("Cancel all");
        cancelAll.setOnAction(e -> vm.cancelAll());
        HBox bar = new HBox(8, newRunButton, cancelAll, new Label("Runs go one after another; each finished step is "
                + "saved into the project at once."));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));

        Label noTraining = new Label("This run has not trained so far: the curve appears while a step fine-tunes "
                + "(fine-tune, channel pruning with epochs, quantization-aware training).");
        noTraining.setWrapText(true);
        noTraining.getStyleClass().add("empty-state");
        // the message covers the chart rather than hiding it: the chart is laid out once, up front, so the
        // first training batch does not cost the UI thread a full chart layout mid-run
        noTraining.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        noTraining.setAlignment(javafx.geometry.Pos.CENTER);
        noTraining.setStyle("-fx-background-color: -fx-background;");
        javafx.scene.layout.StackPane curveHolder = new javafx.scene.layout.StackPane(chart, noTraining);
        curve.onEmptyChanged(noTraining::setVisible);
        VBox right = new VBox(6, curveHolder, notes);
        right.setPadding(new Insets(6));
        VBox.setVgrow(curveHolder, Priority.ALWAYS);
        SplitPane split = new SplitPane(list, right);
        split.setDividerPositions(0.45);
        BorderPane root = new BorderPane(split);
        root.setTop(bar);
        return root;
    }

    private static Label placeholder() {
        Label l = new Label("No runs yet. Press \"New compression run…\" (Ctrl+R) to choose techniques.");
        l.getStyleClass().add("empty-state");
        return l;
    }

    /** Shows one run's curve; the series follows the run's list in batches (one chart change per hand-over). */
    private static final class CurveBinding {
        private final LineChart<Number, Number> chart;
        private final Label notes;
        private QueuedRun shown;
        private java.util.function.Consumer<Boolean> emptyChanged = e -> { };
        private final ListChangeListener<CurvePoint> onPoints = c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    append(c.getAddedSubList());
                }
            }
        };

        CurveBinding(LineChart<Number, Number> chart, Label notes) {
            this.chart = chart;
            this.notes = notes;
        }

        void onEmptyChanged(java.util.function.Consumer<Boolean> listener) {
            emptyChanged = listener;
            emptyChanged.accept(shown == null || shown.curve().isEmpty());
        }

        void show(QueuedRun run) {
            if (shown != null) {
                shown.curve().removeListener(onPoints);
            }
            shown = run;
            chart.getData().setAll(new XYChart.Series<>());
            notes.textProperty().unbind();
            notes.setText("");
            emptyChanged.accept(run == null || run.curve().isEmpty());
            if (run == null) {
                return;
            }
            append(run.curve());
            run.curve().addListener(onPoints);
            notes.textProperty().bind(Bindings.createStringBinding(() -> {
                String n = run.notesProperty().get();
                String o = run.outcomeProperty().get();
                return String.join("\n", java.util.stream.Stream.of(o, n).filter(s -> !s.isEmpty()).toList());
            }, run.notesProperty(), run.outcomeProperty()));
        }

        private void append(java.util.List<? extends CurvePoint> points) {
            XYChart.Series<Number, Number> s = chart.getData().get(0);
            java.util.List<XYChart.Data<Number, Number>> data = new java.util.ArrayList<>(points.size());
            for (CurvePoint p : points) {
                data.add(new XYChart.Data<>(p.progress(), p.loss()));
            }
            s.getData().addAll(data);
            emptyChanged.accept(s.getData().isEmpty());
        }
    }

    /** A queued run: title, step count, progress bar, message and Cancel. */
    private static final class QueuedRunCell extends ListCell<QueuedRun> {
        @Override
        protected void updateItem(QueuedRun run, boolean empty) {
            super.updateItem(run, empty);
            setText(null);
            if (empty || run == null || run.taskProperty().get() == null) {
                setGraphic(null);
                return;
            }
            TaskEntry task = run.taskProperty().get();
            Label title = new Label(run.title());
            title.getStyleClass().add("task-title");
            Label state = new Label();
            state.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                    "%s · %d of %d step(s) done", task.state().toString().toLowerCase(Locale.ROOT),
                    run.stepsDoneProperty().get(), run.stepCount()), task.stateProperty(), run.stepsDoneProperty()));
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(task.progressProperty());
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            Button cancel = new Button("Cancel");
            cancel.setOnAction(e -> run.cancel());
            cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> task.state().isDone(),
                    task.stateProperty()));
            Label message = new Label();
            message.setWrapText(true);
            message.getStyleClass().add("hint");
            message.textProperty().bind(Bindings.createStringBinding(() -> task.state() == TaskState.FAILED
                            ? task.errorProperty().get() : task.messageProperty().get(),
                    task.stateProperty(), task.messageProperty(), task.errorProperty()));
            VBox box = new VBox(3, new HBox(8, title, state), new HBox(8, bar, cancel), message);
            box.setPrefWidth(0);
            setGraphic(box);
        }
    }
}
