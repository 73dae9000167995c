package org.compresslab.ui.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.BaselineEvaluations;
import org.compresslab.study.ImportMeasurement;
import org.compresslab.study.CompressionJob;
import org.compresslab.study.Project;
import org.compresslab.study.RecipeRuns;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;

/**
 * The run queue: compression runs go to the executor's measurement lane, so they run one after another
 * and never time their models while another run is working. Every finished step (and the baseline, when
 * it had to be measured first) becomes a run of the project at once; a run that fails or is cancelled is
 * recorded as such with the reason, after the steps that finished — the project is never left half-way.
 */
public final class RunQueueViewModel {
    /** Where results go: the project the run was started on. UI thread only. */
    public interface ProjectAccess {
        /** The open project, or null. */
        Project project();

        /** Adds a run to {@code target} and saves it when it has a folder. */
        void addRun(Project target, Run run);
    }

    private final TaskExecutor tasks;
    private final TechniqueRegistry registry;
    private final CompressionJob job;
    private final ProjectAccess projects;
    private final Supplier<Path> workFolder;
    private final ObservableList<QueuedRun> queue = FXCollections.observableArrayList();
    private final ObservableList<QueuedRun> queueView = FXCollections.unmodifiableObservableList(queue);
    private final ObjectProperty<QueuedRun> selected = new SimpleObjectProperty<>();

    /**
     * @param workFolder where the steps' models are written until the project saves them into its folder
     */
    public RunQueueViewModel(TaskExecutor tasks, TechniqueRegistry registry, ProjectAccess projects,
                             Supplier<Path> workFolder) {
        this.tasks = tasks;
        this.registry = registry;
        this.job = new CompressionJob(registry);
        this.projects = projects;
        this.workFolder = workFolder;
    }

    /**
     * Queues a run on the open project's baseline model.
     *
     * @throws IllegalStateException in plain words when there is nothing to run it on
     */
    public QueuedRun enqueue(CompressionJob.Request request) {
        Project project = projects.project();
        if (project == null || project.baselineModel() == null) {
            throw new IllegalStateException("Open a model first: a compression run starts from the project's baseline model.");
        }
        if (project.dataset() == null) {
            throw new IllegalStateException("Choose a dataset on the Evaluate page first: every step is measured on it.");
        }
        Path baseline = project.resolve(project.baselineModel());
        Run comparable = BaselineEvaluations.find(project, baseline, request.settings()).orElse(null);
        Run importMeasured = BaselineEvaluations.findImport(project, request.settings()).orElse(null);
        QueuedRun run = new QueuedRun(request);
        Path out = workFolder.get().resolve("run-" + Run.newId());
        Run parent = importMeasured != null ? importMeasured : comparable;
        Execution execution = new Execution(project, run, parent == null ? null : parent.id());
        TaskEntry entry = tasks.submit(BackgroundTask.<List<StepResult>>of("Compress: " + request.title(),
                        (progress, cancel) -> job.run(baseline, project.dataset(), comparable == null,
                                importMeasured == null, request, out,
                                progress, new TrainingCurveFeed(run, tasks.ui()), cancel, execution))
                .exclusive()
                .onSuccess(steps -> run.setOutcome("Finished: " + run.stepsDoneProperty().get() + " of "
                        + run.stepCount() + " step(s) saved as runs."))
                .onFailure(e -> execution.stopped(Run.FAILED, "Failed at step " + execution.currentStep() + " of "
                        + run.stepCount() + ": " + UserMessages.plain(e)))
                .onCancelled(() -> execution.stopped(Run.CANCELLED, "Cancelled at step " + execution.currentStep()
                        + " of " + run.stepCount() + "; the steps that finished are kept.")));
        run.setTask(entry);
        queue.add(run);
        selected.set(run);
        return run;
    }

    /** One run's bookkeeping: results arrive on the worker thread and are recorded on the UI thread. */
    private final class Execution implements CompressionJob.Listener {
        private final Project project;
        private final QueuedRun run;
        private volatile String parentRunId;
        private volatile int finished;

        Execution(Project project, QueuedRun run, String parentRunId) {
            this.project = project;
            this.run = run;
            this.parentRunId = parentRunId;
        }

        int currentStep() {
            return Math.min(finished + 1, run.stepCount());
        }

        @Override
        public void baselineEvaluated(EvaluationResult result) {
            Run r = Run.evaluation("Baseline evaluation", String.format(Locale.ROOT,
                    "Evaluated %s on %s (%,d images) before compressing it, with the run's settings",
                    result.model(), result.dataset(), result.accuracy().n()), project.baselineModel(),
                    run.request().settings(), result);
            parentRunId = r.id();
            tasks.ui().run(() -> projects.addRun(project, r));
        }

        @Override
        public void importEvaluated(Path file, EvaluationResult result) {
            Run r = ImportMeasurement.run(file, result, parentRunId, run.request().settings());
            parentRunId = r.id();
            tasks.ui().run(() -> projects.addRun(project, r));
        }

        @Override
        public void stepFinished(int stepIndex, StepResult step) {
            finished = stepIndex + 1;
            Run r = RecipeRuns.step(step, RecipeRuns.stepName(run.title(), stepIndex, run.stepCount(), step),
                    parentRunId, run.request().settings());
            if (r != null) {
                parentRunId = r.id();
            }
            tasks.ui().run(() -> {
                run.stepDone();
                step.warnings().forEach(w -> run.addNote(step.technique() + ": " + w));
                if (r != null) {
                    projects.addRun(project, r);
                }
            });
        }

        @Override
        public void note(String message) {
            tasks.ui().run(() -> run.addNote(message));
        }

        /** Records how the run stopped, so the project says why it has fewer steps than the recipe. */
        void stopped(String status, String message) {
            run.setOutcome(message);
            String technique = run.request().recipe().steps().get(currentStep() - 1).technique();
            projects.addRun(project, new Run(Run.newId(), run.title(), technique, Instant.now(), message,
                    recipeJson(run), null, parentRunId, run.request().settings(), null, status, message));
        }
    }

    /** The whole recipe, for a failed run's record; null when the recipe itself was what failed. */
    private String recipeJson(QueuedRun run) {
        try {
            return RecipeJson.write(RecipeJson.validate(run.request().recipe(), registry));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Queued runs, oldest first. */
    public ObservableList<QueuedRun> queue() {
        return queueView;
    }

    /** The run whose curve and notes are shown. */
    public ObjectProperty<QueuedRun> selectedProperty() {
        return selected;
    }

    /** Cancels every run that has not finished. */
    public void cancelAll() {
        queue.forEach(QueuedRun::cancel);
    }

    /** A scratch folder for run outputs, made once per session. */
    public static Supplier<Path> temporaryWorkFolder() {
        Path[] made = new Path[1];
        return () -> {
            if (made[0] == null) {
                try {
                    made[0] = Files.createTempDirectory("compresslab-runs-");
                } catch (IOException e) {
                    throw new IllegalStateException("cannot create a scratch folder for the runs' models ("
                            + e.getMessage() + "); check the temporary folder has space", e);
                }
            }
            return made[0];
        };
    }
}
