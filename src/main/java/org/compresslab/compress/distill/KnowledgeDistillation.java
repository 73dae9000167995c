package org.compresslab.compress.distill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.ParameterType;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TrainingParameters;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.InputCompatibility;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.graph.Graph;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Shape;
import org.compresslab.progress.ProgressListener;
import org.compresslab.train.EpochStats;
import org.compresslab.train.LossFunction;
import org.compresslab.train.ModelTrainer;
import org.compresslab.train.OptimizerKind;
import org.compresslab.train.TrainedModel;
import org.compresslab.train.TrainingConfig;
import org.compresslab.train.TrainingListener;
import org.compresslab.train.UntrainableModelException;
import org.compresslab.train.ValueTransform;
import org.compresslab.train.catalogue.ModelCatalogue;

/**
 * {@code distill.kd}: knowledge distillation. A student (a fresh catalogue network or a model file) learns
 * from the labels and from the teacher's softened outputs on the same augmented images. The same student,
 * from the same initial weights, images, order and schedule, is trained again on the labels alone — the
 * control — and both are scored on the evaluation images, so the report shows what the teacher itself
 * bought, whatever its sign.
 */
public final class KnowledgeDistillation implements Technique {
    public static final String ID = "distill.kd";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.DISTILLATION,
            "Knowledge distillation",
            "Trains a smaller student network to match the current model (the teacher): its loss mixes the "
                    + "usual cross-entropy on the labels with the KL divergence between the teacher's and the "
                    + "student's outputs softened by a temperature, alpha · T² · KL + (1 − alpha) · CE. The "
                    + "softened outputs say which wrong classes the teacher finds plausible, which labels alone do "
                    + "not. As a control, the same student is also trained the same way without the teacher, and "
                    + "both are evaluated on the same images with McNemar's test between them.",
            "A student several times smaller and faster than the teacher, usually a little less accurate; "
                    + "distillation's gain over the control is often under a point and is reported with its "
                    + "interval and p-value. Costs two trainings from scratch (one without the control).",
            specs(), true);

    private static List<ParameterSpec> specs() {
        List<ParameterSpec> out = new ArrayList<>(List.of(
                new ParameterSpec("student", ParameterType.TEXT_LIST, Double.NaN, Double.NaN, List.of("resnet8"),
                        List.of(), "The student: a catalogue architecture (" + String.join(", ", ModelCatalogue.ids())
                        + "), built fresh for the images and the teacher's classes, or the "
                        + "path of an ONNX model file whose weights it starts from.").acceptingModelFiles(),
                ParameterSpec.textList("teacher", "Path of the teacher model: ONNX, TorchScript (.pt) or a TensorFlow "
                        + "SavedModel folder; empty = the step's input model.").acceptingModelFiles(),
                ParameterSpec.number("alpha", 0, 1, 0.9,
                        "Weight of the teacher's soft targets; 1 − alpha weighs the labels. 0 = no distillation."),
                ParameterSpec.number("temperature", 0.5, 20, 3,
                        "Softens both outputs before comparing them; higher shows more of the teacher's "
                                + "ranking of the wrong classes."),
                ParameterSpec.bool("control", true,
                        "Also train the student without the teacher, to measure what distillation itself bought."),
                ParameterSpec.integer("images", 0, 10_000_000, 0,
                        "Evaluation images on which teacher, student and control are compared (0 = all).")));
        for (ParameterSpec p : TrainingParameters.specs(1, 10, 0.1,
                "Passes over the training images, for the student and for the control alike.")) {
            out.add(switch (p.name()) {
                case "lr" -> ParameterSpec.number("lr", 1e-6, 1, 0.1, "Peak learning rate of the one-cycle schedule "
                        + "(warm-up, then decay to zero). From scratch with SGD: about 0.1 for students with "
                        + "BatchNorm (the ResNets); about 0.02 without (LeNet-5), as the soft targets give larger "
                        + "gradients than labels. Adam: about 0.002.");
                case "batch" -> ParameterSpec.integer("batch", 8, 1024, 128, "Images per training step.");
                default -> p;
            });
        }
        return out;
    }

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        Result r = distil(model, p, ctx);
        return new TechniqueOutcome(r.student(), r.report(), r.warnings());
    }

    /** The distilled student, the control (null when skipped), the report and warnings. */
    public static Result distil(Graph model, StepParameters p, CompressionContext ctx) {
        String studentName = Students.single(p.textList("student"), "student",
                "one catalogue architecture or model file");
        List<String> teacherValue = p.textList("teacher");
        ModelFile teacherFile = null;
        Preprocessing teacherPrep = null;
        String teacherName = "the step's input model";
        if (!teacherValue.isEmpty()) {
            teacherName = Students.single(teacherValue, "teacher", "one model file, or empty for the step's input");
            teacherFile = Students.readFile(teacherName, "teacher");
            teacherPrep = teacherFile.preprocessing().orElse(null);
        }
        boolean withControl = p.bool("control");
        Preprocessing prep = ctx.preprocessing();
        TrainingConfig config = config(p, ctx.seed());
        List<String> warnings = new ArrayList<>();
        ctx.progress().progress(0, "starting the teacher");
        if (teacherFile == null) {
            teacherFile = ModelFile.of(null, model);
        }
        Graph teacherGraph = teacherFile.graph();
        try (ModelTeacher teacher = new ModelTeacher(teacherFile, teacherPrep, prep, ctx.trainingData(), ctx.runtime())) {
            int classes = classes(teacher, ctx);
            Graph student = Students.student(studentName, prep, classes, ctx.seed());
            checkStudent(student, prep, ctx, classes);
            double trainEnd = withControl ? 0.47 : 0.92;
            TrainedModel distilled = train(student, ctx, config, listener(ctx, 0.02, trainEnd, "distilling", true),
                    new DistillationLoss(p.number("alpha"), p.number("temperature"), teacher));
            if (distilled.result().diverged()) {
                if (distilled.result().epochs().isEmpty()) {
                    throw new CompressionException("distillation " + distilled.result().message());
                }
                warnings.add("distillation: " + distilled.result().message());
            }
            TrainedModel control = null;
            if (withControl) {
                control = train(student, ctx, config, listener(ctx, 0.47, 0.92, "training the control", false),
                        LossFunction.CROSS_ENTROPY);
                if (control.result().diverged()) {
                    warnings.add("control: " + control.result().message());
                }
            }
            StudentComparison.Scores s = StudentComparison.score(teacher, distilled.graph(),
                    control == null ? null : control.graph(), ctx.evaluationData(), prep, p.integer("images"),
                    ctx.runtime(), ctx.progressBetween(0.92, 1), ctx.cancel());
            DistillationReport report = new DistillationReport(teacherName, studentName, p.number("alpha"),
                    p.number("temperature"), config.epochs(), p.number("lr"), p.choice("optimizer"),
                    config.batchSize(), ModelStatistics.of(teacherGraph).params(),
                    ModelStatistics.of(distilled.graph()).params(), s.images(), s.teacher(), s.student(), s.control(),
                    s.mcnemar() == null ? null : PairedDifference.of(s.mcnemar()), s.mcnemar(), s.agreement(),
                    distilled.result().epochs(), distilled.result().keptEpoch(),
                    control == null ? null : control.result().epochs(),
                    control == null ? null : control.result().keptEpoch());
            warnIfAtChance("the distilled student", s.student(), classes, warnings);
            warnIfAtChance("the control", s.control(), classes, warnings);
            ctx.progress().progress(1.0, report.summary());
            return new Result(distilled.graph(), control == null ? null : control.graph(), report, warnings);
        }
    }

    /** A student that learnt nothing is almost always a learning rate too high for it: say so. */
    private static void warnIfAtChance(String what, AccuracyResult a, int classes, List<String> warnings) {
        if (a != null && a.top1() < 1.5 / classes) {
            warnings.add(String.format(Locale.ROOT, "%s is at chance level (%.1f%% top-1 for %d classes): training "
                    + "did not take; try a lower learning rate (about 0.02 for students without BatchNorm) or more "
                    + "epochs", what, 100 * a.top1(), classes));
        }
    }

    /** Training from scratch: the one-cycle schedule and augmentation the sample models were trained with. */
    static TrainingConfig config(StepParameters p, long seed) {
        return TrainingConfig.defaults().withEpochs(p.integer("epochs")).withLearningRate((float) p.number("lr"))
                .withOptimizer(OptimizerKind.valueOf(p.choice("optimizer").toUpperCase(Locale.ROOT)))
                .withBatchSize(p.integer("batch")).withLimit(p.integer("limit")).withSeed(seed);
    }

    /** The teacher's class count, from its output on one training image. */
    private static int classes(ModelTeacher teacher, CompressionContext ctx) {
        try (BatchStream one = new BatchStream(ctx.trainingData(), ctx.preprocessing(), 1, 1)) {
            Batch b = one.next();
            int classes = teacher.logits(b).length;
            InputCompatibility.checkClasses(classes, ctx.trainingData());
            return classes;
        }
    }

    private static void checkStudent(Graph student, Preprocessing prep, CompressionContext ctx, int classes) {
        InputCompatibility.check(student, prep, ctx.trainingData());
        if (student.outputs().isEmpty()) {
            throw new CompressionException("the student model has no output");
        }
        Shape out = student.outputs().get(0).shape();
        if (out != null && out.rank() == 2 && out.dim(1) >= 0 && out.dim(1) != classes) {
            throw new CompressionException("the student outputs " + out.dim(1) + " classes but the teacher "
                    + classes + "; distillation needs both to classify the same classes");
        }
    }

    private static TrainedModel train(Graph student, CompressionContext ctx, TrainingConfig config,
                                      TrainingListener listener, LossFunction loss) {
        try {
            return ModelTrainer.train(student, ctx.trainingData(), ctx.preprocessing(), config, listener, loss,
                    ValueTransform.NONE, ctx.cancel());
        } catch (UntrainableModelException e) {
            throw new CompressionException("the student cannot be trained: " + e.getMessage()
                    + " — give a float model or a catalogue architecture as the student", e);
        }
    }

    /**
     * Progress within [from, to] labelled with what is training. Only the distilled student's epochs reach
     * the context's training listener, whose curves belong to the step's model.
     */
    private static TrainingListener listener(CompressionContext ctx, double from, double to, String what,
                                             boolean forward) {
        ProgressListener progress = ctx.progressBetween(from, to);
        TrainingListener target = forward ? ctx.trainingListener() : TrainingListener.NONE;
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, double fraction, double loss) {
                target.onBatch(epoch, fraction, loss);
                progress.progress(fraction, String.format(Locale.ROOT, "%s, epoch %d, loss %.4f", what, epoch, loss));
            }

            @Override
            public void onEpoch(EpochStats stats) {
                target.onEpoch(stats);
            }
        };
    }

    /**
     * @param control the control student, or null when it was skipped
     */
    public record Result(Graph student, Graph control, DistillationReport report, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }
}
