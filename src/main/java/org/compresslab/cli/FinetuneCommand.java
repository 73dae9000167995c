package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.compresslab.train.ModelTrainer;
import org.compresslab.train.TrainedModel;
import org.compresslab.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compresslab finetune MODEL --dataset … --epochs N --out …}: continue training a model. */
@Command(name = "finetune", description = "Fine-tune a model on a dataset and write the result as ONNX.")
final class FinetuneCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "An ONNX model file.")
    Path model;

    @Mixin
    TrainingOptions training;

    @Option(names = "--preprocessing", paramLabel = "FILE", description = "Preprocessing JSON, if not the model's own.")
    Path preprocessing;

    @Option(names = "--out", required = true, paramLabel = "MODEL.onnx", description = "Where to write the fine-tuned model.")
    Path out;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ModelFile file = ModelFile.load(model);
        Preprocessing prep = preprocessing != null ? Preprocessing.read(preprocessing)
                : file.preprocessingOrDefault().orElseThrow(() -> new BadInputException(
                        model.getFileName() + " does not say its input size; pass --preprocessing FILE"));
        ImageDataset dataset = Datasets.open(training.dataset, training.split);
        org.compresslab.eval.InputCompatibility.check(file.editableGraph("be fine-tuned"), prep, dataset);
        TrainingConfig config = training.apply(TrainingConfig.fineTuning());
        long start = System.nanoTime();
        TrainedModel trained = ModelTrainer.train(file.graph(), dataset, prep, config,
                TrainingOptions.printer(err, config.epochs()), new CancellationToken());
        return TrainingOutput.finish(trained, out, (System.nanoTime() - start) / 1e9, output.json,
                spec.commandLine().getOut(), err);
    }
}
