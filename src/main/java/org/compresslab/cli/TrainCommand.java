package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;
import org.compresslab.train.DatasetStatistics;
import org.compresslab.train.ModelTrainer;
import org.compresslab.train.TrainedModel;
import org.compresslab.train.TrainingConfig;
import org.compresslab.train.catalogue.ModelCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compresslab train --arch ARCH --dataset … --epochs N --out MODEL.onnx}: train a catalogue model from scratch. */
@Command(name = "train", description = "Train a catalogue architecture from scratch and write it as ONNX with its preprocessing.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, paramLabel = "ARCH",
            description = "Architecture: lenet5, resnet8, resnet20, resnet56, mobilenetv2-<width>, vgg-small, vit-tiny.")
    String arch;

    @Option(names = "--size", paramLabel = "WxH", description = "Input size (default: the dataset's image size).")
    String size;

    @Option(names = "--channels", paramLabel = "C", description = "Input channels (default: the dataset's).")
    Integer channels;

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", required = true, paramLabel = "MODEL.onnx", description = "Where to write the trained model.")
    Path out;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ImageDataset dataset = Datasets.open(training.dataset, training.split);
        var first = dataset.get(0).image();
        int w = first.width();
        int h = first.height();
        if (size != null) {
            String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
            if (parts.length != 2) {
                throw new BadInputException("--size must look like 32x32");
            }
            w = Integer.parseInt(parts[0]);
            h = Integer.parseInt(parts[1]);
        }
        int c = channels != null ? channels : first.channels();
        TrainingConfig config = training.apply(TrainingConfig.defaults());
        Graph graph;
        try {
            graph = ModelCatalogue.build(arch, c, h, w, dataset.classNames().size(), config.seed());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Preprocessing prep = DatasetStatistics.normalizing(dataset, w, h, c, 5000, config.seed());
        err.println("compresslab: training " + arch + " on " + dataset.name() + " (" + dataset.size() + " images), preprocessing "
                + prep.toJson());
        long start = System.nanoTime();
        TrainedModel trained = ModelTrainer.train(graph, dataset, prep, config, TrainingOptions.printer(err, config.epochs()),
                new CancellationToken());
        return TrainingOutput.finish(trained, out, (System.nanoTime() - start) / 1e9, output.json,
                spec.commandLine().getOut(), err);
    }
}
