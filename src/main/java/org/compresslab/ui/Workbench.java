package org.compresslab.ui;

import javafx.scene.Parent;
import org.compresslab.ui.dialogs.DialogService;
import org.compresslab.ui.evaluate.EvaluateView;
import org.compresslab.ui.evaluate.EvaluateViewModel;
import org.compresslab.ui.inspector.InspectorView;
import org.compresslab.ui.inspector.InspectorViewModel;
import org.compresslab.ui.runs.RunsView;
import org.compresslab.ui.runs.RunsViewModel;
import org.compresslab.ui.shell.AboutInfo;
import org.compresslab.ui.shell.AppPreferences;
import org.compresslab.ui.shell.MainView;
import org.compresslab.ui.shell.MainViewModel;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TasksView;
import org.compresslab.ui.tradeoff.TradeOffView;
import org.compresslab.ui.tradeoff.TradeOffViewModel;
import org.compresslab.ui.queue.RunQueueView;
import org.compresslab.ui.queue.RunQueueViewModel;
import org.compresslab.ui.wizard.WizardView;
import org.compresslab.ui.wizard.WizardViewModel;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import java.nio.file.Path;
import org.compresslab.compress.Recipe;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.AtlasInputs;
import org.compresslab.study.AtlasRuns;
import org.compresslab.study.CompressionJob;
import org.compresslab.ui.atlas.AtlasView;
import org.compresslab.ui.changes.WhatChangedView;
import org.compresslab.ui.changes.WhatChangedViewModel;
import org.compresslab.ui.compare.CompareView;
import org.compresslab.ui.compare.CompareViewModel;
import org.compresslab.ui.atlas.AtlasViewModel;

/**
 * The composition root of the window: builds the view-models, wires them to each other and loads
 * the views. The application and the UI tests build it the same way, with their own dialogs,
 * executor and preferences.
 */
public final class Workbench {
    private final MainViewModel main;
    private final InspectorViewModel inspector;
    private final EvaluateViewModel evaluate;
    private final Parent root;
    private final RunQueueViewModel queue;
    private AtlasViewModel atlas; // read by the model listener, which first runs after construction
    private final TechniqueRegistry registry = TechniqueRegistry.standard();
    private final DialogService dialogs;
    private final AppPreferences preferences;

    public Workbench(TaskExecutor tasks, DialogService dialogs, AppPreferences preferences, Runnable quit) {
        inspector = new InspectorViewModel(tasks);
        evaluate = new EvaluateViewModel(tasks, dialogs);
        main = new MainViewModel(tasks, dialogs, preferences, (model, project) -> {
            inspector.setModel(model);
            evaluate.setModel(model);
            atlas.setModel(model);
            if (project != null && project.dataset() != null) {
                evaluate.restore(project.dataset().spec(), project.dataset().split(), project.dataset().preprocessing(),
                        project.settings());
            }
        });
        evaluate.setOnEvaluated(main::recordEvaluation);
        RunsViewModel runs = new RunsViewModel(main.runs(), main.selectedRunProperty());
        queue = new RunQueueViewModel(tasks, registry, new RunQueueViewModel.ProjectAccess() {
            @Override
            public Project project() {
                return main.projectProperty().get();
            }

            @Override
            public void addRun(Project target, Run run) {
                main.addRun(target, run);
            }
        }, RunQueueViewModel.temporaryWorkFolder());
        this.dialogs = dialogs;
        this.preferences = preferences;
        atlas = new AtlasViewModel(tasks, dialogs, () -> {
            Project p = main.projectProperty().get();
            ModelFile m = main.modelProperty().get();
            if (p == null || m == null) {
                return null; // the page says to open a model first
            }
            if (p.dataset() == null) {
                throw new IllegalArgumentException("Choose a dataset on the Evaluate page first.");
            }
            return AtlasInputs.forProject(m, p.dataset(), "train");
        }, this::queueAtlasRun);
        MainView.Pages pages = new MainView.Pages(InspectorView.load(inspector),
                () -> EvaluateView.load(evaluate, dialogs, preferences::lastFolder), () -> RunsView.load(runs),
                () -> {
                    TradeOffViewModel chart = new TradeOffViewModel(main.runs(), dialogs);
                    chart.setOnRunClicked(main::openRun);
                    return TradeOffView.load(chart);
                },
                () -> RunQueueView.load(queue, this::openWizard), () -> AtlasView.load(atlas),
                () -> CompareView.load(new CompareViewModel(tasks, main.runs(), () -> main.projectProperty().get())),
                () -> {
                    WhatChangedViewModel changes = new WhatChangedViewModel(tasks, main.runs(),
                            () -> main.projectProperty().get());
                    // explains the run selected anywhere (Runs table, chart click); its chooser selects there too
                    changes.selectedRunProperty().bindBidirectional(main.selectedRunProperty());
                    return WhatChangedView.load(changes);
                },
                TasksView.load(tasks));
        root = MainView.load(main, pages, new MainView.Actions(quit,
                () -> dialogs.showInformation("About CompressLab", AboutInfo.text()), this::openWizard, queue.queue()));
        root.getStylesheets().add(Workbench.class.getResource("shell/workbench.css").toExternalForm());
    }

    /**
     * Opens the compression wizard on the open project; Finish queues the run. When there is nothing to
     * compress yet the user is told why instead.
     */
    public void openWizard() {
        Project project = main.projectProperty().get();
        if (project == null || project.baselineModel() == null) {
            dialogs.showInformation("Nothing to compress yet", "Open a model first (File → Open model…): a "
                    + "compression run starts from the project's baseline model.");
            return;
        }
        ModelFile open = main.modelProperty().get();
        WizardViewModel vm = new WizardViewModel(registry, open != null && !open.format().hasEditableGraph());
        vm.startFrom(Path.of(project.baselineModel()).getFileName().toString(), project.dataset(), project.settings());
        WizardView.show(root.getScene() == null ? null : root.getScene().getWindow(), vm, dialogs,
                preferences::lastFolder, request -> {
                    try {
                        queue.enqueue(request);
                    } catch (IllegalStateException e) {
                        dialogs.showError("The run was not started", e.getMessage(), null);
                    }
                });
    }

    /** A run the atlas asked for ("keep this layer in float", "don't prune it"), measured like the project's last. */
    private void queueAtlasRun(Recipe recipe) {
        Project p = main.projectProperty().get();
        try {
            queue.enqueue(new CompressionJob.Request(AtlasRuns.title(recipe), recipe, p.settings(), "train", 1));
        } catch (IllegalStateException e) {
            dialogs.showError("The run was not started", e.getMessage(), null);
        }
    }

    public RunQueueViewModel queue() {
        return queue;
    }

    public Parent root() {
        return root;
    }

    public MainViewModel main() {
        return main;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public EvaluateViewModel evaluate() {
        return evaluate;
    }
}
