package org.compresslab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.train.EpochStats;
import org.compresslab.train.TrainedModel;

/** Writes a trained model and reports the training (text on stderr, JSON on stdout when asked). */
final class TrainingOutput {
    private TrainingOutput() {
    }

    static int finish(TrainedModel trained, Path out, double seconds, boolean json, PrintWriter stdout, PrintWriter err) {
        if (trained.result().diverged()) {
            err.println("compresslab: " + trained.result().message());
        }
        try {
            OnnxWriter.write(trained.graph(), out);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + e.getMessage());
        }
        ModelStatistics stats = ModelStatistics.of(trained.graph());
        if (json) {
            ObjectNode o = Json.object();
            o.put("model", out.toString());
            o.put("params", stats.params());
            o.put("macs", stats.macs());
            o.put("seconds", seconds);
            o.put("kept_epoch", trained.result().keptEpoch());
            o.put("diverged", trained.result().diverged());
            ArrayNode epochs = o.putArray("epochs");
            for (EpochStats s : trained.result().epochs()) {
                ObjectNode e = epochs.addObject();
                e.put("epoch", s.epoch());
                e.put("train_loss", s.trainLoss());
                e.put("train_accuracy", s.trainAccuracy());
                if (Double.isFinite(s.validationAccuracy())) {
                    e.put("validation_loss", s.validationLoss());
                    e.put("validation_accuracy", s.validationAccuracy());
                }
                e.put("images_per_second", s.imagesPerSecond());
                e.put("learning_rate", s.learningRate());
                e.put("seconds", s.seconds());
            }
            stdout.println(Json.write(o));
        } else {
            stdout.printf(Locale.ROOT, "Wrote %s (%,d params, %,d MACs) in %.0f s; %s%n", out, stats.params(), stats.macs(),
                    seconds, trained.result().message());
        }
        return trained.result().diverged() ? 1 : 0;
    }
}
