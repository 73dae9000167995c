import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ComparisonResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.PairedComparison;
import org.compresslab.eval.stats.CpuInfo;
import org.compresslab.eval.stats.SizeStatistics;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.study.CompressionJson;

/**
 * Every quantization technique on the sample models, each result measured against its float model by
 * the interleaved paired comparison (the `compare` command's engine): accuracy on all 10,000 test images
 * with McNemar's p, agreement, the median-latency ratio with its bootstrap interval (batch 1, 1 thread,
 * all ORT optimisations, runs interleaved A B B A), and the file sizes.
 *
 * Run: bench/run-quantization.sh [MODEL ...]   (writes bench/results/quantization.json and .md)
 *      BENCH_SET=recovery BENCH_OUT=bench/results/quantization-recovery.json bench/run-quantization.sh
 * Runs on a quiet machine: other load distorts latency (the ratio, interleaved, is robust; p50s are not).
 */
public class QuantizationBench {
    /** model → variant label → recipe step JSON. */
    static final Map<String, Map<String, String>> CASES = new LinkedHashMap<>();

    static {
        Map<String, String> cnn = new LinkedHashMap<>();
        cnn.put("fp16", "{\"technique\":\"quantize.fp16\"}");
        cnn.put("dynamic-int8", "{\"technique\":\"quantize.dynamic-int8\"}");
        cnn.put("dynamic-int8 +conv", "{\"technique\":\"quantize.dynamic-int8\",\"include_conv\":true}");
        for (String c : List.of("minmax", "percentile", "entropy", "mse")) {
            cnn.put("static-int8 " + c, "{\"technique\":\"quantize.static-int8\",\"calibration\":\"" + c + "\"}");
        }
        cnn.put("static-int8 per-tensor minmax",
                "{\"technique\":\"quantize.static-int8\",\"calibration\":\"minmax\",\"per_channel\":false}");
        CASES.put("resnet20", cnn);
        CASES.put("resnet8", cnn);
        Map<String, String> hard = new LinkedHashMap<>(cnn);
        hard.put("mixed per-tensor minmax (max_drop 0.1)", "{\"technique\":\"quantize.mixed\",\"calibration\":"
                + "\"minmax\",\"per_channel\":false,\"max_drop\":0.1}");
        hard.put("qat per-tensor minmax (2 epochs, 12k images)", "{\"technique\":\"quantize.qat\",\"calibration\":\"minmax\","
                + "\"per_channel\":false,\"epochs\":2,\"lr\":0.001,\"limit\":12000}");
        hard.put("mixed percentile (max_drop 0.5)", "{\"technique\":\"quantize.mixed\",\"max_drop\":0.5}");
        hard.put("qat percentile (2 epochs, 12k images)", "{\"technique\":\"quantize.qat\",\"epochs\":2,\"lr\":0.001,\"limit\":12000}");
        CASES.put("mobilenetv2-0.5", hard);
        CASES.put("vit-tiny", hard);
        Map<String, String> small = new LinkedHashMap<>(cnn);
        small.remove("dynamic-int8 +conv");
        CASES.put("lenet5", small);
    }

    /**
     * Where plain post-training quantization loses more than a point (entropy calibration on MobileNetV2, the ViT
     * and ResNet-8, measured by the first set): what mixed precision and QAT win back, same calibrator.
     */
    static final Map<String, Map<String, String>> RECOVERY = new LinkedHashMap<>();

    static {
        RECOVERY.put("mobilenetv2-0.5", recovery("\"optimizer\":\"sgd\",\"lr\":0.001"));
        RECOVERY.put("vit-tiny", recovery("\"optimizer\":\"adamw\",\"lr\":0.0002")); // as the ViT was trained
        RECOVERY.put("resnet8", recovery("\"optimizer\":\"sgd\",\"lr\":0.001"));
    }

    static Map<String, String> recovery(String optimizer) {
        Map<String, String> entropy = new LinkedHashMap<>();
        entropy.put("static-int8 entropy", "{\"technique\":\"quantize.static-int8\",\"calibration\":\"entropy\"}");
        entropy.put("mixed entropy (max_drop 0.5)", "{\"technique\":\"quantize.mixed\",\"calibration\":\"entropy\","
                + "\"max_drop\":0.5}");
        entropy.put("qat entropy (2 epochs, 12k images)", "{\"technique\":\"quantize.qat\",\"calibration\":"
                + "\"entropy\",\"epochs\":2,\"limit\":12000," + optimizer + "}");
        return entropy;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Map<String, String>> cases = "recovery".equals(System.getProperty("bench.set")) ? RECOVERY : CASES;
        Path out = Path.of(System.getProperty("bench.out", "bench/results/quantization.json"));
        List<String> models = args.length > 0 ? List.of(args) : List.copyOf(cases.keySet());
        int runs = Integer.getInteger("bench.runs", 3000);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("date", Instant.now().toString());
        root.put("cpu", CpuInfo.modelName());
        root.put("runtime", "onnxruntime " + OnnxRuntimeBackend.runtimeVersion());
        root.put("threads", 1);
        root.put("batch", 1);
        root.put("latency_runs_each", runs);
        root.put("command", "bench/run-quantization.sh " + String.join(" ", models));
        ArrayNode results = root.putArray("results");
        StringBuilder md = new StringBuilder("| model | variant | top-1 float → quantized (n = 10,000) | Δ pt | McNemar p "
                + "| agreement | speed-up p50 (95% CI) | size (× smaller) | integer kernels |\n|---|---|---|---|---|---|---|---|---|\n");
        ImageDataset train = Datasets.fashionMnist("train");
        ImageDataset test = Datasets.fashionMnist("test");
        TechniqueRegistry registry = TechniqueRegistry.standard();
        EvaluationSettings settings = new EvaluationSettings(0, 1, 1, runs, 200,
                org.compresslab.runtime.OptimizationLevel.ALL, 0);
        for (String model : models) {
            ModelFile base = ModelFile.load(Path.of("sample-models", model + ".onnx"));
            Preprocessing prep = base.preprocessing().orElseThrow();
            for (Map.Entry<String, String> c : cases.get(model).entrySet()) {
                System.err.printf(Locale.ROOT, "%s / %s …%n", model, c.getKey());
                StepParameters p = RecipeJson.validate(RecipeJson.parse("{\"steps\":[" + c.getValue() + "]}"), registry)
                        .get(0);
                CompressionContext ctx = new CompressionContext(prep, train, test, settings.runtimeOptions(), 1,
                        ProgressListener.NONE, null, CancellationToken.NEVER);
                long t0 = System.nanoTime();
                TechniqueOutcome o = registry.find(p.descriptor().id()).apply(base.graph(), p, ctx);
                double seconds = (System.nanoTime() - t0) / 1e9;
                ModelFile variant = new ModelFile(Path.of(model + "-" + c.getKey().replace(' ', '_') + ".onnx"),
                        OnnxWriter.toBytes(o.model()), o.model());
                // the technique's own garbage would otherwise be collected during the timed runs, on the
                // same 2 vCPUs, adding the same delay to both models and pulling their ratio towards 1
                System.gc();
                Thread.sleep(2000);
                ComparisonResult r = new PairedComparison().compare(base, prep, variant, prep, test, settings,
                        ProgressListener.NONE, CancellationToken.NEVER);
                ObjectNode j = results.addObject();
                j.put("model", model);
                j.put("variant", c.getKey());
                j.set("recipe_step", mapper.readTree(c.getValue()));
                j.put("compress_seconds", Math.round(seconds * 10) / 10.0);
                j.put("top1_float", r.a().accuracy().top1());
                j.put("top1_quantized", r.b().accuracy().top1());
                j.put("top1_quantized_ci95_lo", r.b().accuracy().top1Ci95().lo());
                j.put("top1_quantized_ci95_hi", r.b().accuracy().top1Ci95().hi());
                j.put("drop_points", 100 * (r.a().accuracy().top1() - r.b().accuracy().top1()));
                j.put("mcnemar_p", r.mcnemar().pValue());
                j.put("top1_agreement", r.agreement().top1Agreement());
                j.put("p50_float_ms", r.a().latency().p50());
                j.put("p50_quantized_ms", r.b().latency().p50());
                j.put("p10_float_ms", r.a().latency().p10());
                j.put("p10_quantized_ms", r.b().latency().p10());
                j.put("speedup_median", r.speedup().median());
                j.put("speedup_ci95_lo", r.speedup().lo());
                j.put("speedup_ci95_hi", r.speedup().hi());
                j.put("bytes_float", base.bytes().length);
                j.put("bytes_quantized", variant.bytes().length);
                j.put("gzip_bytes_quantized", SizeStatistics.gzipSize(variant.bytes()));
                j.put("size_ratio", (double) base.bytes().length / variant.bytes().length);
                j.set("report", CompressionJson.report(o.report()));
                int kernels = j.at("/report/integer_kernels").asInt(0);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% → %.2f%% | %+.2f | %.3g | %.2f%% | %.2f× (%.2f–%.2f) | %,d B (%.2f×) | %s |%n",
                        model, c.getKey(), 100 * r.a().accuracy().top1(), 100 * r.b().accuracy().top1(),
                        -100 * (r.a().accuracy().top1() - r.b().accuracy().top1()), r.mcnemar().pValue(),
                        100 * r.agreement().top1Agreement(), r.speedup().median(), r.speedup().lo(), r.speedup().hi(),
                        variant.bytes().length, (double) base.bytes().length / variant.bytes().length,
                        j.at("/report/integer_kernels").isMissingNode() ? "–" : Integer.toString(kernels)));
                System.err.print(md.substring(md.lastIndexOf("| " + model)));
                Files.createDirectories(out.getParent());
                Files.writeString(out, mapper.writeValueAsString(root));
                Files.writeString(Path.of(out.toString().replaceAll("\\.json$", ".md")), md.toString());
            }
        }
        System.out.println(md);
    }
}
