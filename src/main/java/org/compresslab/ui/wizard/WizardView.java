package org.compresslab.ui.wizard;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.study.CompressionJob;
import org.compresslab.ui.dialogs.DialogService;
import org.compresslab.ui.dialogs.DialogService.FileFilter;
import org.compresslab.ui.tasks.UserMessages;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The compression wizard (ControlsFX {@link Wizard}): techniques and pipeline → parameters → data →
 * measurement → review. Every page reads and writes the one {@link WizardViewModel}; Next is disabled
 * while the page's message says something is wrong, and the message says what.
 */
public final class WizardView {
    static final FileFilter RECIPES = FileFilter.of("Recipes (JSON)", "*.json");
    private static final double WIDTH = 820;
    private static final double HEIGHT = 540;

    private final WizardViewModel vm;
    private final DialogService dialogs;
    private final Supplier<Path> lastFolder;

    private WizardView(WizardViewModel vm, DialogService dialogs, Supplier<Path> lastFolder) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.lastFolder = lastFolder;
    }

    /**
     * Shows the wizard (modal; ControlsFX runs a nested event loop); {@code onFinish} gets the run to queue
     * when the user presses Finish, nothing happens on Cancel.
     */
    public static void show(Window owner, WizardViewModel vm, DialogService dialogs, Supplier<Path> lastFolder,
                              Consumer<CompressionJob.Request> onFinish) {
        WizardView view = new WizardView(vm, dialogs, lastFolder);
        Wizard wizard = new Wizard(owner, "Compress the model");
        wizard.setFlow(new Wizard.LinearFlow(view.techniquesPage(), view.parametersPage(), view.dataPage(),
                view.measurementPage(), view.reviewPage()));
        wizard.showAndWait().filter(result -> result == ButtonType.FINISH).ifPresent(result -> onFinish.accept(vm.request()));
    }

    // ---- pages -------------------------------------------------------------------------------

    private WizardPane techniquesPage() {
        ListView<TechniqueDescriptor> available = new ListView<>();
        available.setId("availableTechniques");
        available.getItems().setAll(vm.techniques());
        available.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TechniqueDescriptor d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.title() + "  (" + d.family().id() + ")");
            }
        });
        available.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedTechniqueProperty().set(now);
            }
        });
        available.getSelectionModel().select(vm.selectedTechniqueProperty().get());
        Label explanation = wrapped("");
        explanation.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.selectedTechniqueProperty().get()),
                vm.selectedTechniqueProperty()));
        Button add = new Button("Add to pipeline ↓");
        add.setId("addStep");
        add.setDefaultButton(false);
        add.disableProperty().bind(vm.selectedTechniqueProperty().isNull());
        add.setOnAction(e -> vm.addStep(vm.selectedTechniqueProperty().get()));
        available.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && vm.selectedTechniqueProperty().get() != null) {
                vm.addStep(vm.selectedTechniqueProperty().get());
            }
        });

        ListView<StepDraft> pipeline = new ListView<>(vm.steps());
        pipeline.setId("pipeline");
        pipeline.setPrefHeight(130);
        pipeline.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(StepDraft s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (getIndex() + 1) + ". " + s.technique().title());
            }
        });
        pipeline.setPlaceholder(new Label("No steps yet: choose a technique above and press \"Add to pipeline\"."));
        Button up = new Button("Move up");
        Button down = new Button("Move down");
        Button remove = new Button("Remove");
        up.disableProperty().bind(pipeline.getSelectionModel().selectedItemProperty().isNull());
        down.disableProperty().bind(up.disableProperty());
        remove.disableProperty().bind(up.disableProperty());
        up.setOnAction(e -> moveSelected(pipeline, -1));
        down.setOnAction(e -> moveSelected(pipeline, 1));
        remove.setOnAction(e -> vm.removeStep(pipeline.getSelectionModel().getSelectedItem()));
        Button load = new Button("Load recipe…");
        load.setOnAction(e -> loadRecipe());
        HBox pipelineButtons = new HBox(6, add, up, down, remove, spacer(), load);
        pipelineButtons.setAlignment(Pos.CENTER_LEFT);

        Node about = scroll(explanation);
        HBox top = new HBox(12, available, about);
        available.setMinWidth(320);
        available.setPrefWidth(320);
        available.setPrefHeight(230);
        HBox.setHgrow(about, Priority.ALWAYS);
        VBox content = new VBox(8, hint("Choose one technique, or several in order to build a pipeline: each step "
                        + "runs on the previous step's model and every step's model is measured."),
                top, pipelineButtons, new Label("Pipeline"), pipeline, error(vm.stepsMessage()));
        return page("1 · Techniques", content, vm.stepsMessage());
    }

    private void moveSelected(ListView<StepDraft> pipeline, int delta) {
        StepDraft s = pipeline.getSelectionModel().getSelectedItem();
        vm.move(s, delta);
        pipeline.getSelectionModel().select(s);
    }

    private void loadRecipe() {
        dialogs.openFile("Load recipe", lastFolder.get(), RECIPES).ifPresent(file -> {
            try {
                vm.loadRecipe(file);
            } catch (RuntimeException e) {
                dialogs.showError("Cannot load the recipe", UserMessages.plain(e), e);
            }
        });
    }

    private WizardPane parametersPage() {
        VBox steps = new VBox(8);
        steps.setId("stepParameters");
        PageWithEntry page = page("2 · Parameters", new VBox(8, hint("Each parameter starts at its default; "
                + "the range and what it does are beside it."), scroll(steps), error(vm.parametersMessage())),
                vm.parametersMessage());
        page.setOnEntering(() -> steps.getChildren().setAll(vm.steps().stream().map(this::stepPane).toList()));
        return page;
    }

    /** A model-path parameter gets a Browse… button that puts the chosen file's path in its field. */
    private Node withBrowse(TextField field, ParameterSpec spec) {
        Button browse = new Button("Browse…");
        browse.setId("browse-" + spec.name());
        browse.setOnAction(e -> dialogs.openFile("Choose the " + spec.name() + " model", lastFolder.get(), FileFilter.MODELS)
                .ifPresent(file -> field.setText(file.toString())));
        field.setMaxWidth(110);
        HBox box = new HBox(4, field, browse);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node stepPane(StepDraft step) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        grid.add(wrapped(step.technique().expectation()), 0, row++, 3, 1);
        for (ParameterDraft p : step.parameters()) {
            ParameterSpec spec = p.spec();
            Label name = new Label(spec.name());
            Label about = wrapped(spec.explanation() + " (" + spec.rangeDescription() + ")");
            about.getStyleClass().add("hint");
            grid.add(name, 0, row);
            Node control = ParameterControls.create(p);
            grid.add(spec.modelPath() && control instanceof TextField field ? withBrowse(field, spec) : control, 1, row);
            grid.add(about, 2, row++);
        }
        if (step.parameters().isEmpty()) {
            grid.add(new Label("This technique has no parameters."), 0, row);
        }
        // the controls keep their width; the explanations wrap in what is left
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(120),
                new javafx.scene.layout.ColumnConstraints(190), columnThatGrows());
        VBox box = new VBox(6, grid, error(step.errorProperty()));
        TitledPane pane = new TitledPane((vm.steps().indexOf(step) + 1) + ". " + step.technique().title(), box);
        pane.setCollapsible(false);
        return pane;
    }

    private static javafx.scene.layout.ColumnConstraints columnThatGrows() {
        javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private WizardPane dataPage() {
        Label dataset = new Label();
        dataset.textProperty().bind(vm.datasetDescriptionProperty());
        TextField split = new TextField();
        split.setId("trainSplit");
        split.textProperty().bindBidirectional(vm.trainSplitProperty());
        GridPane grid = form(
                "Judged on", dataset, "Every step's model is evaluated on the project's dataset and split.",
                "Decisions on", split, "The split used to calibrate, fine-tune and choose layers — not the one "
                        + "that judges, so no decision is tuned on the images that measure it.",
                "Images judged", spinner("evaluationLimit", vm.evaluationLimitProperty(), 0, 1_000_000, 500),
                "0 = the whole split. Fewer images are faster and give wider intervals.",
                "Seed", spinner("seed", vm.seedProperty(), 0, Integer.MAX_VALUE, 1),
                "For every random choice (calibration subsets, training order): the same seed gives the same run.");
        return page("3 · Data", new VBox(8, grid, error(vm.dataMessage())), vm.dataMessage());
    }

    private WizardPane measurementPage() {
        GridPane grid = form(
                "Threads", spinner("threads", vm.threadsProperty(), 1, 256, 1), "Intra-op threads of the runtime (ONNX Runtime; TensorFlow or PyTorch for such a baseline).",
                "Batch", spinner("batch", vm.batchProperty(), 1, 1024, 1), "Images per inference when timing latency.",
                "Latency runs", spinner("latencyRuns", vm.runsProperty(), 1, 100_000, 50),
                "Timed runs; the median (p50) with p90/p99 is reported.",
                "Warm-up runs", spinner("warmup", vm.warmupProperty(), 0, 10_000, 5), "Untimed runs first.");
        VBox content = new VBox(8, hint("Use the same measurement as the baseline's: the baseline is measured again "
                + "with these settings if the project has no evaluation made with them."), grid,
                error(vm.measurementMessage()));
        return page("4 · Measurement", content, vm.measurementMessage());
    }

    private WizardPane reviewPage() {
        TextField name = new TextField();
        name.setId("runName");
        name.textProperty().bindBidirectional(vm.runNameProperty());
        TextArea json = new TextArea();
        json.setId("recipeJson");
        json.setEditable(false);
        json.getStyleClass().add("monospace");
        json.setPrefRowCount(14);
        TextField command = new TextField();
        command.setEditable(false);
        command.getStyleClass().add("monospace");
        Button save = new Button("Save recipe…");
        save.setId("saveRecipe");
        save.setOnAction(e -> saveRecipe());
        VBox content = new VBox(8, new Label("Run name"), name,
                new Label("The recipe (what `compresslab compress --recipe` runs)"), json,
                new Label("The same run from the command line"), command, new HBox(save));
        VBox.setVgrow(json, Priority.ALWAYS);
        PageWithEntry page = page("5 · Review", content, vm.parametersMessage());
        page.setOnEntering(() -> {
            name.setPromptText(vm.defaultRunName());
            json.setText(vm.recipeJson());
            command.setText(vm.commandLine());
        });
        return page;
    }

    private void saveRecipe() {
        dialogs.saveFile("Save recipe", lastFolder.get(), "recipe.json", RECIPES).ifPresent(file -> {
            try {
                vm.saveRecipe(file);
            } catch (java.io.IOException | RuntimeException e) {
                dialogs.showError("The recipe was not saved", UserMessages.plain(e), e);
            }
        });
    }

    // ---- building blocks ---------------------------------------------------------------------

    /** A wizard page whose Next (or Finish) is disabled while {@code message} is not empty. */
    private PageWithEntry page(String header, Node content, ObservableStringValue message) {
        PageWithEntry page = new PageWithEntry(message);
        page.setHeaderText(header);
        BorderPane holder = new BorderPane(content);
        holder.setPadding(new Insets(4));
        holder.setPrefSize(WIDTH, HEIGHT);
        page.setContent(holder);
        page.getStylesheets().add(WizardView.class.getResource("/org/compresslab/ui/shell/workbench.css").toExternalForm());
        return page;
    }

    /** A page that binds the wizard's "invalid" to its own message when it is shown. */
    private static final class PageWithEntry extends WizardPane {
        private final ObservableStringValue message;
        private Runnable onEntering = () -> { };

        PageWithEntry(ObservableStringValue message) {
            this.message = message;
        }

        void setOnEntering(Runnable r) {
            onEntering = r;
        }

        @Override
        public void onEnteringPage(Wizard wizard) {
            onEntering.run();
            wizard.invalidProperty().unbind();
            wizard.invalidProperty().bind(Bindings.createBooleanBinding(() -> !message.get().isEmpty(), message));
        }
    }

    private static GridPane form(Object... labelControlHint) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        for (int i = 0, row = 0; i < labelControlHint.length; i += 3, row++) {
            grid.add(new Label((String) labelControlHint[i]), 0, row);
            grid.add((Node) labelControlHint[i + 1], 1, row);
            Label hint = wrapped((String) labelControlHint[i + 2]);
            hint.getStyleClass().add("hint");
            grid.add(hint, 2, row);
        }
        javafx.scene.layout.ColumnConstraints controls = new javafx.scene.layout.ColumnConstraints(220);
        controls.setMinWidth(220);
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(110), controls,
                columnThatGrows());
        return grid;
    }

    private static Spinner<Integer> spinner(String id, javafx.beans.property.IntegerProperty value, int min, int max,
                                            int step) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(130);
        s.getValueFactory().valueProperty().addListener((o, was, now) -> value.set(now));
        s.getEditor().textProperty().addListener((o, was, now) -> {
            try {
                value.set(Integer.parseInt(now.strip().replace(",", "")));
            } catch (NumberFormatException e) {
                value.set(-1); // shows the page's message until the text is a number again
            }
        });
        return s;
    }

    private static String describe(TechniqueDescriptor d) {
        if (d == null) {
            return "";
        }
        return d.title() + "\n\n" + d.explanation() + "\n\nWhat to expect: " + d.expectation()
                + (d.transformsModel() ? "" : "\n\nAn analysis: it reports per layer and leaves the model as it was.");
    }

    private static Node scroll(Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        pane.setPrefViewportWidth(420); // a wrapped label would otherwise ask for its whole text on one line
        VBox.setVgrow(pane, Priority.ALWAYS);
        HBox.setHgrow(pane, Priority.ALWAYS);
        return pane;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static Label hint(String text) {
        Label l = wrapped(text);
        l.getStyleClass().add("hint");
        return l;
    }

    private static Label error(ObservableStringValue message) {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add("validation-message");
        l.textProperty().bind(message);
        l.visibleProperty().bind(Bindings.createBooleanBinding(() -> !message.get().isEmpty(), message));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static Node spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
