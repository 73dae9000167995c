import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.compresslab.eval.LatencyMeter;
import org.compresslab.eval.stats.CpuInfo;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.InferenceBackend;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/**
 * How much does CompressLab's latency harness (LatencyMeter over a prepared run) add to what it
 * measures? Compares it with a bare ONNX Runtime session.run loop on the same session and input,
 * interleaved in rounds in one process. The bare loop is timed per block of runs (one clock read
 * per block), so it carries no per-run timing cost at all.
 *
 * Run: bench/run-harness-overhead.sh   (writes bench/results/harness-overhead.json)
 */
public class HarnessOverheadBench {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/harness-overhead.json");
        StringBuilder json = new StringBuilder("{\n  \"date\": \"" + Instant.now() + "\",\n  \"cpu\": \"" + CpuInfo.modelName()
                + "\",\n  \"runtime\": \"onnxruntime " + OnnxRuntimeBackend.runtimeVersion() + "\",\n  \"threads\": 1,\n  \"batch\": 1,\n  \"models\": [\n");
        String[][] models = {
                {"src/test/resources/fixtures/resnet18.onnx", "1,3,64,64"},
                {"src/test/resources/fixtures/mobilenetv2.onnx", "1,3,64,64"},
                {"src/test/resources/fixtures/fashion_cnn.onnx", "1,1,28,28"}};
        for (int m = 0; m < models.length; m++) {
            json.append(measure(Path.of(models[m][0]), Arrays.stream(models[m][1].split(",")).mapToLong(Long::parseLong).toArray()));
            json.append(m < models.length - 1 ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.toString());
        System.out.println(json);
    }

    static String measure(Path model, long[] shape) throws Exception {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] input = new float[n];
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < n; i++) {
            input[i] = (float) r.nextGaussian();
        }
        byte[] bytes = Files.readAllBytes(model);
        try (OnnxRuntimeBackend backend = new OnnxRuntimeBackend(bytes, RuntimeOptions.defaults());
             InferenceBackend.RepeatableRun run = backend.prepare(input, shape);
             OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(input), shape)) {
            OrtSession session = backend.session();
            String inputName = session.getInputNames().iterator().next();
            Map<String, OnnxTensor> feed = Map.of(inputName, tensor);
            // calibrate a round to ~0.25 s so tiny and large models get comparable statistics
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                session.run(feed).close();
            }
            double perRunMs = (System.nanoTime() - t0) / 1e6 / 20;
            int perRound = (int) Math.max(20, Math.min(2000, 250 / perRunMs));
            int block = Math.max(1, Math.min(50, perRound / 20));
            int rounds = 30;
            double[] harness = new double[rounds];
            double[] bare = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean harnessFirst = (round & 1) == 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == harnessFirst) {
                        double[] lat = LatencyMeter.measure(run, 0, perRound, 0, ProgressListener.NONE, new CancellationToken());
                        harness[round] = median(lat);
                    } else {
                        double[] blocks = new double[perRound / block];
                        for (int b = 0; b < blocks.length; b++) {
                            long s = System.nanoTime();
                            for (int k = 0; k < block; k++) {
                                session.run(feed).close();
                            }
                            blocks[b] = (System.nanoTime() - s) / 1e6 / block;
                        }
                        bare[round] = median(blocks);
                    }
                }
            }
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                ratios[i] = harness[i] / bare[i];
            }
            double hMed = median(harness);
            double bMed = median(bare);
            double ratioMed = median(ratios);
            System.err.printf(Locale.ROOT, "%s: harness p50 %.4f ms, bare p50 %.4f ms, overhead %.2f%% (median of per-round ratios %.4f)%n",
                    model.getFileName(), hMed, bMed, 100 * (hMed / bMed - 1), ratioMed);
            return String.format(Locale.ROOT,
                    "    {\"model\": \"%s\", \"rounds\": %d, \"runs_per_round\": %d, \"bare_block\": %d, "
                            + "\"harness_p50_ms\": %.5f, \"bare_p50_ms\": %.5f, \"overhead_fraction\": %.5f, "
                            + "\"median_round_ratio\": %.5f, \"round_ratio_min\": %.5f, \"round_ratio_max\": %.5f}",
                    model.getFileName(), rounds, perRound, block, hMed, bMed, hMed / bMed - 1, ratioMed,
                    Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
