import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.quantize.ActivationType;
import org.compresslab.compress.quantize.CalibrationMethod;
import org.compresslab.compress.quantize.RangeChoosers;
import org.compresslab.compress.quantize.TensorHistogram;
import org.compresslab.data.Datasets;
import org.compresslab.data.Subsets;
import org.compresslab.eval.ModelFile;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/**
 * Writes the calibration histogram of a few ReLU outputs of the ResNet-8 sample (512 training images,
 * 2048 bins over the observed range) and the range CompressLab's entropy calibrator chooses, so that
 * bench/entropy-crosscheck.py can run an independent implementation of the KL search on the same data.
 * Run: bench/run-entropy-crosscheck.sh
 */
public class EntropyCrosscheck {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/entropy-crosscheck");
        Files.createDirectories(dir);
        ModelFile m = ModelFile.load(Path.of("sample-models/resnet8.onnx"));
        var prep = m.preprocessing().orElseThrow();
        var train = Datasets.fashionMnist("train");
        String[] tensors = {"stem.relu", "layer1.0.relu1", "layer2.0.relu1"};
        var g = m.graph().copy();
        for (String t : tensors) {
            g.addOutput(new org.compresslab.graph.ValueInfo(t, org.compresslab.graph.DataType.FLOAT, null));
        }
        int[] idx = Subsets.randomSample(train.size(), 512, 1);
        float[][] values = new float[tensors.length][];
        try (OnnxRuntimeBackend b = new OnnxRuntimeBackend(org.compresslab.onnx.OnnxWriter.toBytes(g),
                RuntimeOptions.defaults());
             var batches = org.compresslab.data.BatchStream.of(train, prep, 512, idx)) {
            var batch = batches.next();
            Map<String, BackendOutput> outs = b.runOutputs(batch.data(), batch.shape(), java.util.List.of(tensors));
            for (int i = 0; i < tensors.length; i++) {
                values[i] = outs.get(tensors[i]).data();
            }
        }
        for (int i = 0; i < tensors.length; i++) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (float v : values[i]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            TensorHistogram h = new TensorHistogram(lo, hi, TensorHistogram.DEFAULT_BINS);
            h.add(values[i], 0, values[i].length);
            StringBuilder sb = new StringBuilder().append(h.min()).append(' ').append(h.max());
            for (long c : h.counts()) {
                sb.append(' ').append(c);
            }
            Files.writeString(dir.resolve(tensors[i] + ".hist"), sb.toString());
            var r = RangeChoosers.choose(CalibrationMethod.ENTROPY, h, 99.99, ActivationType.UINT8);
            System.out.printf(java.util.Locale.ROOT, "%s observed [%.4f, %.4f] compresslab-entropy [%.4f, %.4f]%n",
                    tensors[i], lo, hi, r.min(), r.max());
        }
    }
}
