package org.compresslab.ui.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.distill.KnowledgeDistillation;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.study.CompressionJob;
import org.compresslab.study.DatasetChoice;

/**
 * The compression wizard's one typed state, shared by all its pages: the pipeline's steps with their
 * parameters, the data, the measurement, and the recipe they make. Each page has its own validation
 * message; the view binds Next to it. Built from the technique descriptors, so a technique added to the
 * registry appears here with no UI code.
 */
public final class WizardViewModel {
    private final TechniqueRegistry registry;
    private final boolean onlyTeaches;
    private final List<TechniqueDescriptor> techniques;
    private final ObjectProperty<TechniqueDescriptor> selectedTechnique = new SimpleObjectProperty<>();
    private final ObservableList<StepDraft> steps = FXCollections.observableArrayList();
    // data
    private final StringProperty datasetDescription = new SimpleStringProperty("");
    private final StringProperty trainSplit = new SimpleStringProperty("train");
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final IntegerProperty evaluationLimit = new SimpleIntegerProperty(0);
    // measurement
    private final IntegerProperty threads = new SimpleIntegerProperty(1);
    private final IntegerProperty batch = new SimpleIntegerProperty(1);
    private final IntegerProperty runs = new SimpleIntegerProperty(100);
    private final IntegerProperty warmup = new SimpleIntegerProperty(10);
    private final StringProperty runName = new SimpleStringProperty("");
    private EvaluationSettings base = EvaluationSettings.defaults();
    private String modelName = "MODEL.onnx";
    private DatasetChoice dataset;

    private final StringBinding stepsMessage;
    private final ReadOnlyStringWrapper parametersMessage = new ReadOnlyStringWrapper("");
    private final javafx.beans.value.ChangeListener<String> stepErrorListener =
            (o, was, now) -> parametersMessage.set(firstStepError());
    private final StringBinding dataMessage;
    private final StringBinding measurementMessage;

    public WizardViewModel(TechniqueRegistry registry) {
        this(registry, false);
    }

    /**
     * @param onlyTeaches the model can only be a distillation teacher (a TorchScript module): the pipeline
     *                    must start with distillation
     */
    public WizardViewModel(TechniqueRegistry registry, boolean onlyTeaches) {
        this.registry = registry;
        this.onlyTeaches = onlyTeaches;
        this.techniques = registry.descriptors().stream()
                .sorted(Comparator.comparing((TechniqueDescriptor d) -> d.family().ordinal())).toList();
        stepsMessage = Bindings.createStringBinding(() -> steps.isEmpty()
                ? "Add at least one technique to the pipeline."
                : onlyTeaches && !steps.get(0).technique().id().equals(KnowledgeDistillation.ID)
                ? "The model is a TorchScript module, whose layers CompressLab cannot edit: start the pipeline with "
                        + "knowledge distillation, which trains a student it teaches; later steps compress the student."
                : "", steps);
        // the message depends on every step's error, and steps come and go: recompute on either
        steps.addListener((ListChangeListener<StepDraft>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(step -> step.errorProperty().addListener(stepErrorListener));
                c.getRemoved().forEach(step -> step.errorProperty().removeListener(stepErrorListener));
            }
            parametersMessage.set(firstStepError());
        });
        dataMessage = Bindings.createStringBinding(() -> trainSplit.get() == null || trainSplit.get().isBlank()
                ? "Name the split used for calibration and fine-tuning (e.g. train)."
                : evaluationLimit.get() < 0 ? "The image limit cannot be negative (0 = the whole split)." : "",
                trainSplit, evaluationLimit);
        measurementMessage = Bindings.createStringBinding(() -> threads.get() < 1 ? "Threads must be at least 1."
                : batch.get() < 1 ? "The batch size must be at least 1."
                : runs.get() < 1 ? "Latency runs must be at least 1."
                : warmup.get() < 0 ? "Warm-up runs cannot be negative." : "", threads, batch, runs, warmup);
        if (!techniques.isEmpty()) {
            selectedTechnique.set(techniques.get(0));
        }
    }

    // ---- what the wizard starts from -----------------------------------------------------------

    /** Prefills data and measurement from the project: the model, its dataset and its last settings. */
    public void startFrom(String model, DatasetChoice choice, EvaluationSettings settings) {
        modelName = model == null ? "MODEL.onnx" : model;
        dataset = choice;
        datasetDescription.set(choice == null ? "no dataset chosen: pick one on the Evaluate page first"
                : choice.spec() + (choice.split() == null ? "" : " (" + choice.split() + " split)"));
        if (settings != null) {
            base = settings;
            evaluationLimit.set(settings.limit());
            threads.set(settings.threads());
            batch.set(settings.batch());
            runs.set(settings.runs());
            warmup.set(settings.warmup());
        }
    }

    // ---- the pipeline ----------------------------------------------------------------------------

    public List<TechniqueDescriptor> techniques() {
        return techniques;
    }

    public ObjectProperty<TechniqueDescriptor> selectedTechniqueProperty() {
        return selectedTechnique;
    }

    public ObservableList<StepDraft> steps() {
        return steps;
    }

    /** Appends a step with the technique's defaults. */
    public StepDraft addStep(TechniqueDescriptor technique) {
        StepDraft s = new StepDraft(StepParameters.defaults(technique));
        steps.add(s);
        return s;
    }

    public void removeStep(StepDraft step) {
        steps.remove(step);
    }

    /** Moves a step one place earlier (delta −1) or later (+1); nothing at the ends. */
    public void move(StepDraft step, int delta) {
        int i = steps.indexOf(step);
        int j = i + delta;
        if (i < 0 || j < 0 || j >= steps.size()) {
            return;
        }
        steps.remove(i);
        steps.add(j, step);
    }

    // ---- recipes ---------------------------------------------------------------------------------

    /** Replaces the pipeline with a recipe's steps. */
    public void setRecipe(Recipe recipe) {
        List<StepParameters> validated = RecipeJson.validate(recipe, registry);
        steps.setAll(validated.stream().map(StepDraft::new).toList());
    }

    /**
     * Loads a recipe file into the pipeline.
     *
     * @throws InvalidRecipeException with the reason in plain words; the pipeline stays as it was
     */
    public void loadRecipe(Path file) {
        setRecipe(RecipeJson.read(file));
    }

    /** Writes the recipe as {@code compress --recipe} reads it. */
    public void saveRecipe(Path file) throws IOException {
        Files.writeString(file, recipeJson());
    }

    /** The recipe the pipeline makes. Only meaningful when every page is valid. */
    public Recipe recipe() {
        return new Recipe(steps.stream().map(StepDraft::toRecipeStep).toList());
    }

    /** The recipe JSON with every parameter written out, exactly what the CLI would run. */
    public String recipeJson() {
        return RecipeJson.write(RecipeJson.validate(recipe(), registry));
    }

    /** The command line that reproduces this run without the GUI. */
    public String commandLine() {
        String split = dataset == null || dataset.split() == null ? "" : " --split " + dataset.split();
        String data = dataset == null ? "fashion-mnist" : dataset.spec();
        return String.format(Locale.ROOT, "bin/compresslab compress %s --recipe recipe.json --dataset %s%s"
                        + " --train-split %s --seed %d --threads %d --batch %d --runs %d --warmup %d%s --out compressed/",
                quoted(modelName), quoted(data), split, trainSplit.get(), seed.get(), threads.get(), batch.get(),
                runs.get(), warmup.get(), evaluationLimit.get() > 0 ? " --limit " + evaluationLimit.get() : "");
    }

    private static String quoted(String s) {
        return s.contains(" ") ? "'" + s + "'" : s;
    }

    /** A short name for the run: the steps' titles in order. */
    public String defaultRunName() {
        return String.join(" → ", steps.stream().map(s -> s.technique().title()).toList());
    }

    /** What the queue runs. */
    public CompressionJob.Request request() {
        String name = runName.get() == null || runName.get().isBlank() ? defaultRunName() : runName.get().strip();
        EvaluationSettings settings = new EvaluationSettings(evaluationLimit.get(), batch.get(), threads.get(),
                runs.get(), warmup.get(), base.optimization(), base.timeBudgetSeconds());
        return new CompressionJob.Request(name, recipe(), settings, trainSplit.get().strip(), seed.get());
    }

    // ---- validation --------------------------------------------------------------------------

    private String firstStepError() {
        for (int i = 0; i < steps.size(); i++) {
            String e = steps.get(i).errorProperty().get();
            if (!e.isEmpty()) {
                return "Step " + (i + 1) + ": " + e;
            }
        }
        return "";
    }

    /** Page "Techniques": empty when valid. */
    public StringBinding stepsMessage() {
        return stepsMessage;
    }

    public ReadOnlyStringProperty parametersMessage() {
        return parametersMessage.getReadOnlyProperty();
    }

    public StringBinding dataMessage() {
        return dataMessage;
    }

    public StringBinding measurementMessage() {
        return measurementMessage;
    }

    /** Whether anything on any page is wrong. */
    public BooleanBinding invalid() {
        return stepsMessage.isNotEmpty().or(parametersMessage.isNotEmpty()).or(dataMessage.isNotEmpty())
                .or(measurementMessage.isNotEmpty());
    }

    // ---- inputs --------------------------------------------------------------------------------

    public StringProperty datasetDescriptionProperty() {
        return datasetDescription;
    }

    public StringProperty trainSplitProperty() {
        return trainSplit;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public IntegerProperty evaluationLimitProperty() {
        return evaluationLimit;
    }

    public IntegerProperty threadsProperty() {
        return threads;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public IntegerProperty runsProperty() {
        return runs;
    }

    public IntegerProperty warmupProperty() {
        return warmup;
    }

    public StringProperty runNameProperty() {
        return runName;
    }
}
