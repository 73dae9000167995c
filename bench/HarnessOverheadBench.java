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
 * interleaved in rounds in one process. Each round times both loops' wall clock; the
 * harness's overhead is its extra wall time per run (clock reads, cancellation checks, bookkeeping),
 * reported as a fraction of the median latency it reports.
 *
 * Run: bench/run-harness-overhead.sh   (writes bench/results/harness-overhead.json)
 */
public class HarnessOverheadBench {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/harness-overhead.json");
        StringBuilder json = new StringBuilder("{\n  \"date\": \"" + Instant.now() + "\",\n  \"cpu\": \"" + CpuInfo.modelName()
                + "\",\n  \"runtime\": \"onnxruntime " + OnnxRuntimeBackend.runtimeVersion() + "\",\n  \"threads\": 1,\n  \"batch\": 1,\n");
        json.append("  \"clock_read_ns\": ").append(String.format(Locale.ROOT, "%.1f", clockReadNanos())).append(",\n  \"models\": [\n");
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
            int rounds = 60;
            double[] harnessWall = new double[rounds];
            double[] bareWall = new double[rounds];
            double[] harnessP50 = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean harnessFirst = (round & 1) == 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == harnessFirst) {
                        long s = System.nanoTime();
                        double[] lat = LatencyMeter.measure(run, 0, perRound, 0, ProgressListener.NONE, new CancellationToken());
                        harnessWall[round] = (System.nanoTime() - s) / 1e6 / perRound;
                        harnessP50[round] = median(lat);
                    } else {
                        long s = System.nanoTime();
                        for (int k = 0; k < perRound; k++) {
                            session.run(feed).close();
                        }
                        bareWall[round] = (System.nanoTime() - s) / 1e6 / perRound;
                    }
                }
            }
            // overhead = extra wall time per run that the harness spends, relative to the median latency it reports
            double[] extra = new double[rounds];
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                extra[i] = harnessWall[i] - bareWall[i];
                ratios[i] = harnessWall[i] / bareWall[i];
            }
            double p50 = median(harnessP50);
            double extraMed = median(extra);
            System.err.printf(Locale.ROOT, "%s: reported p50 %.4f ms; wall per run harness %.4f ms, bare %.4f ms; "
                            + "overhead %.4f ms = %.2f%% of the median latency (wall ratio %.4f)%n",
                    model.getFileName(), p50, median(harnessWall), median(bareWall), extraMed, 100 * extraMed / p50,
                    median(ratios));
            return String.format(Locale.ROOT,
                    "    {\"model\": \"%s\", \"rounds\": %d, \"runs_per_round\": %d, \"harness_p50_ms\": %.5f, "
                            + "\"harness_wall_per_run_ms\": %.5f, \"bare_wall_per_run_ms\": %.5f, "
                            + "\"overhead_ms\": %.6f, \"overhead_fraction_of_p50\": %.5f, \"wall_ratio_median\": %.5f, "
                            + "\"wall_ratio_min\": %.5f, \"wall_ratio_max\": %.5f}",
                    model.getFileName(), rounds, perRound, p50, median(harnessWall), median(bareWall), extraMed,
                    extraMed / p50, median(ratios), Arrays.stream(ratios).min().orElse(Double.NaN),
                    Arrays.stream(ratios).max().orElse(Double.NaN));
        }
    }

    /** The cost of one System.nanoTime() call: the harness adds two per timed run. */
    static double clockReadNanos() {
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 2_000_000; i++) {
                sink += System.nanoTime();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 2e6);
        }
        if (sink == 42) {
            System.err.println();
        }
        System.err.printf(Locale.ROOT, "one clock read: %.1f ns%n", best);
        return best;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
