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

    public Workbench(TaskExecutor tasks, DialogService dialogs, AppPreferences preferences, Runnable quit) {
        inspector = new InspectorViewModel(tasks);
        evaluate = new EvaluateViewModel(tasks, dialogs);
        main = new MainViewModel(tasks, dialogs, preferences, (model, project) -> {
            inspector.setModel(model);
            evaluate.setModel(model);
            if (project != null && project.dataset() != null) {
                evaluate.restore(project.dataset().spec(), project.dataset().split(), project.dataset().preprocessing(),
                        project.settings());
            }
        });
        evaluate.setOnEvaluated(main::recordEvaluation);
        RunsViewModel runs = new RunsViewModel(main.runs());
        MainView.Pages pages = new MainView.Pages(InspectorView.load(inspector),
                () -> EvaluateView.load(evaluate, dialogs, preferences::lastFolder), () -> RunsView.load(runs),
                () -> TradeOffView.load(new TradeOffViewModel(main.runs())), TasksView.load(tasks));
        root = MainView.load(main, pages, quit, () -> dialogs.showInformation("About CompressLab", AboutInfo.text()));
        root.getStylesheets().add(Workbench.class.getResource("shell/workbench.css").toExternalForm());
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
