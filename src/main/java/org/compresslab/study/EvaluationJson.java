package org.compresslab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compresslab.eval.ComparisonResult;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.SizeReport;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.eval.stats.ProportionInterval;
import org.compresslab.runtime.OptimizationLevel;

/**
 * The JSON form of evaluation results: the public contract of the CLI's {@code evaluate} and
 * {@code compare} (documented in the README), also used inside project files.
 *
 * <p>{@link #evaluation} and {@link #comparison} write the public contract and must not change;
 * {@link #evaluationWithPredictions} adds what projects keep besides: the per-image labels and
 * predictions (so that paired tests can be run later) and the latency samples (for histograms).
 * {@link #fromJson} reads either form back.
 */
public final class EvaluationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvaluationJson() {
    }

    public static ObjectNode evaluation(EvaluationResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", r.model());
        o.put("dataset", r.dataset());
        o.put("n", r.accuracy().n());
        ObjectNode acc = o.putObject("accuracy");
        number(acc, "top1", r.accuracy().top1());
        ArrayNode ci = acc.putArray("top1_ci95");
        addNumber(ci, r.accuracy().top1Ci95().lo());
        addNumber(ci, r.accuracy().top1Ci95().hi());
        number(acc, "top5", r.accuracy().top5());
        ObjectNode lat = o.putObject("latency_ms");
        LatencyStatistics l = r.latency();
        number(lat, "min", l.min());
        number(lat, "p10", l.p10());
        number(lat, "p50", l.p50());
        number(lat, "p90", l.p90());
        number(lat, "p99", l.p99());
        number(lat, "mean", l.mean());
        number(lat, "std", l.std());
        lat.put("runs", l.n());
        number(o, "throughput_ips", r.throughputImagesPerSecond());
        o.put("threads", r.threads());
        o.put("batch", r.batch());
        o.put("optimization", r.optimization().name().toLowerCase(java.util.Locale.ROOT));
        o.put("cpu", r.cpu());
        o.put("runtime", r.runtime());
        ObjectNode size = o.putObject("size");
        size.put("bytes", r.size().bytes());
        size.put("gzip_bytes", r.size().gzipBytes());
        size.put("params", r.size().params());
        size.put("nonzero_params", r.size().nonZeroParams());
        if (r.macs() < 0) {
            o.putNull("macs");
        } else {
            o.put("macs", r.macs());
        }
        if (r.memoryBytes() < 0) {
            o.putNull("memory_bytes");
        } else {
            o.put("memory_bytes", r.memoryBytes());
        }
        return o;
    }

    /**
     * {@link #evaluation} plus {@code "labels"} and {@code "predictions"}, the label and the predicted
     * class of every evaluated image in dataset order, and {@code "latency_samples_ms"}, the timed runs
     * in the order they were taken (empty lists when the result has none).
     */
    public static ObjectNode evaluationWithPredictions(EvaluationResult r) {
        ObjectNode o = evaluation(r);
        ArrayNode labels = o.putArray("labels");
        for (int label : r.labels() == null ? new int[0] : r.labels()) {
            labels.add(label);
        }
        ArrayNode predictions = o.putArray("predictions");
        for (int prediction : r.predictions() == null ? new int[0] : r.predictions()) {
            predictions.add(prediction);
        }
        ArrayNode samples = o.putArray("latency_samples_ms");
        for (double sample : r.latencySamplesMs() == null ? new double[0] : r.latencySamplesMs()) {
            samples.add(sample);
        }
        return o;
    }

    /**
     * Reads what {@link #evaluation} or {@link #evaluationWithPredictions} wrote: JSON null becomes
     * NaN for measured numbers and -1 for {@code macs} and {@code memory_bytes}; labels, predictions
     * and latency samples are empty arrays when absent (as in the public contract).
     *
     * @throws IllegalArgumentException naming the field when one is missing or of the wrong type
     */
    public static EvaluationResult fromJson(JsonNode json) {
        String where = "evaluation";
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(where + " should be a JSON object");
        }
        JsonNode acc = JsonFields.object(json, "accuracy", where);
        JsonNode ci = acc.get("top1_ci95");
        if (ci == null || !ci.isArray() || ci.size() != 2) {
            throw new IllegalArgumentException(where + ": accuracy.top1_ci95 should be a list [lo, hi]");
        }
        AccuracyResult accuracy = new AccuracyResult(JsonFields.integer(json, "n", where),
                JsonFields.number(acc, "top1", where + ".accuracy"),
                new ProportionInterval(JsonFields.numberValue(ci.get(0), where + ".accuracy.top1_ci95[0]"),
                        JsonFields.numberValue(ci.get(1), where + ".accuracy.top1_ci95[1]")),
                JsonFields.number(acc, "top5", where + ".accuracy"));
        String latWhere = where + ".latency_ms";
        JsonNode lat = JsonFields.object(json, "latency_ms", where);
        LatencyStatistics latency = new LatencyStatistics(JsonFields.number(lat, "min", latWhere),
                JsonFields.number(lat, "p10", latWhere), JsonFields.number(lat, "p50", latWhere),
                JsonFields.number(lat, "p90", latWhere), JsonFields.number(lat, "p99", latWhere),
                JsonFields.number(lat, "mean", latWhere), JsonFields.number(lat, "std", latWhere),
                JsonFields.smallInteger(lat, "runs", latWhere));
        String sizeWhere = where + ".size";
        JsonNode size = JsonFields.object(json, "size", where);
        SizeReport sizeReport = new SizeReport(JsonFields.integer(size, "bytes", sizeWhere),
                JsonFields.integer(size, "gzip_bytes", sizeWhere), JsonFields.integer(size, "params", sizeWhere),
                JsonFields.integer(size, "nonzero_params", sizeWhere));
        OptimizationLevel optimization;
        try {
            optimization = OptimizationLevel.parse(JsonFields.text(json, "optimization", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new EvaluationResult(JsonFields.optionalText(json, "model", where),
                JsonFields.optionalText(json, "dataset", where),
                accuracy, latency, JsonFields.number(json, "throughput_ips", where),
                JsonFields.smallInteger(json, "threads", where), JsonFields.smallInteger(json, "batch", where),
                optimization, JsonFields.optionalText(json, "cpu", where),
                JsonFields.optionalText(json, "runtime", where), sizeReport,
                JsonFields.integerOrMinusOne(json, "macs", where),
                JsonFields.integerOrMinusOne(json, "memory_bytes", where),
                optionalIntArray(json, "labels", where), optionalIntArray(json, "predictions", where),
                optionalDoubleArray(json, "latency_samples_ms", where));
    }

    private static int[] optionalIntArray(JsonNode json, String field, String where) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? new int[0] : JsonFields.intArray(node, where + "." + field);
    }

    private static double[] optionalDoubleArray(JsonNode json, String field, String where) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? new double[0] : JsonFields.doubleArray(node, where + "." + field);
    }

    public static ObjectNode comparison(ComparisonResult c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("a", evaluation(c.a()));
        o.set("b", evaluation(c.b()));
        ObjectNode speedup = o.putObject("speedup");
        number(speedup, "median", c.speedup().median());
        ArrayNode ci = speedup.putArray("ci95");
        addNumber(ci, c.speedup().lo());
        addNumber(ci, c.speedup().hi());
        number(o, "agreement_top1", c.agreement().top1Agreement());
        number(o, "mean_kl", c.agreement().meanKl());
        number(o, "mean_cosine", c.agreement().meanCosine());
        number(o, "mcnemar_p", c.mcnemar().pValue());
        ObjectNode table = o.putObject("mcnemar_table");
        table.put("both_correct", c.mcnemar().bothCorrect());
        table.put("only_a_correct", c.mcnemar().onlyA());
        table.put("only_b_correct", c.mcnemar().onlyB());
        table.put("both_wrong", c.mcnemar().bothWrong());
        return o;
    }

    private static void addNumber(ArrayNode array, double v) {
        if (Double.isFinite(v)) {
            array.add(v);
        } else {
            array.addNull();
        }
    }

    /** NaN and infinities are not JSON numbers: they become null (a missing value). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
