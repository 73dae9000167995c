package org.compresslab.ui.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskState;

/**
 * The main window's controller: menus, toolbar, tabs holding the feature pages, the tasks panel and
 * the status bar. It only wires nodes to {@link MainViewModel}; the pages come ready-made.
 */
public final class MainView {
    /**
     * The feature pages the window shows in its tabs. Pages behind a tab are built the first time
     * their tab is selected, so the window comes up faster.
     */
    public record Pages(Parent inspector, java.util.function.Supplier<Parent> evaluate,
                        java.util.function.Supplier<Parent> runs, java.util.function.Supplier<Parent> tradeOffs,
                        java.util.function.Supplier<Parent> queue, java.util.function.Supplier<Parent> atlas,
                        java.util.function.Supplier<Parent> compare, java.util.function.Supplier<Parent> changes,
                        Parent tasks) {
    }

    /**
     * Commands the window offers beyond the project's own.
     *
     * @param newRun  opens the compression wizard
     * @param queued  the run queue: the window shows it when a run is added
     */
    public record Actions(Runnable quit, Runnable about, Runnable newRun, javafx.collections.ObservableList<?> queued) {
    }

    private final MainViewModel vm;
    private final Pages pages;
    private final Actions actions;

    @FXML private BorderPane root;
    @FXML private Menu recentMenu;
    @FXML private Button saveButton;
    @FXML private CheckMenuItem tasksToggle;
    @FXML private SplitPane verticalSplit;
    @FXML private TabPane tabs;
    @FXML private Tab inspectorTab;
    @FXML private Tab evaluateTab;
    @FXML private Tab runsTab;
    @FXML private Tab tradeOffTab;
    @FXML private Tab queueTab;
    @FXML private Tab atlasTab;
    @FXML private Tab compareTab;
    @FXML private Tab changesTab;
    @FXML private StackPane tasksHolder;
    @FXML private Label statusLabel;
    @FXML private ProgressBar statusProgress;

    private MainView(MainViewModel vm, Pages pages, Actions actions) {
        this.vm = vm;
        this.pages = pages;
        this.actions = actions;
    }

    public static Parent load(MainViewModel vm, Pages pages, Actions actions) {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource("Main.fxml"));
        loader.setControllerFactory(c -> new MainView(vm, pages, actions));
        try {
            return loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Main.fxml", e);
        }
    }

    @FXML
    private void initialize() {
        inspectorTab.setContent(pages.inspector());
        buildOnFirstSelection(evaluateTab, pages.evaluate());
        buildOnFirstSelection(runsTab, pages.runs());
        buildOnFirstSelection(tradeOffTab, pages.tradeOffs());
        buildOnFirstSelection(queueTab, pages.queue());
        buildOnFirstSelection(atlasTab, pages.atlas());
        buildOnFirstSelection(compareTab, pages.compare());
        buildOnFirstSelection(changesTab, pages.changes());
        actions.queued().addListener((ListChangeListener<Object>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    showQueue();
                }
            }
        });
        tasksHolder.getChildren().add(pages.tasks());
        tasksToggle.selectedProperty().addListener((o, was, show) -> showTasks(show));
        saveButton.disableProperty().bind(vm.dirtyProperty().not());
        vm.recentProjects().addListener((ListChangeListener<Path>) c -> rebuildRecentMenu());
        rebuildRecentMenu();
        vm.runs().addListener((ListChangeListener<Object>) c -> runsTab.setText("Runs (" + vm.runs().size() + ")"));
        vm.runOpenRequestsProperty().addListener((o, was, now) -> showRuns());
        vm.tasks().tasks().addListener((ListChangeListener<TaskEntry>) c -> followLatestTask());
        statusProgress.setVisible(false);
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dragDropped);
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
    }

    private static void buildOnFirstSelection(Tab tab, java.util.function.Supplier<Parent> page) {
        tab.selectedProperty().addListener((o, was, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(page.get());
            }
        });
    }

    private void showTasks(boolean show) {
        if (show && !verticalSplit.getItems().contains(tasksHolder)) {
            verticalSplit.getItems().add(tasksHolder);
            verticalSplit.setDividerPositions(0.72);
        } else if (!show) {
            verticalSplit.getItems().remove(tasksHolder);
        }
    }

    /** The status bar follows the newest task: its message and progress while it runs, its outcome after. */
    private void followLatestTask() {
        List<TaskEntry> all = vm.tasks().tasks();
        if (all.isEmpty()) {
            statusLabel.textProperty().unbind();
            statusLabel.setText("Ready");
            statusProgress.setVisible(false);
            return;
        }
        TaskEntry latest = all.get(all.size() - 1);
        statusProgress.progressProperty().bind(latest.progressProperty());
        statusProgress.visibleProperty().bind(latest.stateProperty().isEqualTo(TaskState.RUNNING)
                .or(latest.stateProperty().isEqualTo(TaskState.QUEUED)));
        statusLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> latest.title() + ": " + (latest.state() == TaskState.FAILED ? latest.errorProperty().get()
                        : latest.messageProperty().get()),
                latest.messageProperty(), latest.stateProperty(), latest.errorProperty()));
    }

    private void rebuildRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : vm.recentProjects()) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.openProject(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().map(File::toPath).anyMatch(MainViewModel::canOpen)) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!root.getStyleClass().contains("drop-target")) {
                root.getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        root.getStyleClass().remove("drop-target");
        boolean done = false;
        if (e.getDragboard().hasFiles()) {
            for (File f : e.getDragboard().getFiles()) {
                if (MainViewModel.canOpen(f.toPath())) {
                    vm.open(f.toPath());
                    done = true;
                    break;
                }
            }
        }
        e.setDropCompleted(done);
        e.consume();
    }

    @FXML private void newProject() {
        vm.newProject();
    }

    @FXML private void openModel() {
        vm.openModelDialog();
    }

    @FXML private void openSavedModel() {
        vm.openSavedModelDialog();
    }

    @FXML private void openProject() {
        vm.openProjectDialog();
    }

    @FXML private void save() {
        vm.save();
    }

    @FXML private void saveAs() {
        vm.saveAs();
    }

    @FXML private void quit() {
        actions.quit().run();
    }

    @FXML private void about() {
        actions.about().run();
    }

    @FXML private void newRun() {
        actions.newRun().run();
    }

    @FXML private void exportReport() {
        vm.exportReportDialog();
    }

    @FXML private void exportModel() {
        vm.exportSelectedModelDialog();
    }

    @FXML private void exportRecipe() {
        vm.exportSelectedRecipeDialog();
    }

    @FXML private void showQueue() {
        tabs.getSelectionModel().select(queueTab);
    }

    @FXML private void showTradeOffs() {
        tabs.getSelectionModel().select(tradeOffTab);
    }

    @FXML private void showInspector() {
        tabs.getSelectionModel().select(inspectorTab);
    }

    @FXML private void showEvaluate() {
        tabs.getSelectionModel().select(evaluateTab);
    }

    @FXML private void showRuns() {
        tabs.getSelectionModel().select(runsTab);
    }
}
