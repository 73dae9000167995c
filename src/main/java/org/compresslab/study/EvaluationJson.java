package org.compresslab.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compresslab.eval.ComparisonResult;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.stats.LatencyStatistics;

/**
 * The JSON form of evaluation results: the public contract of the CLI's {@code evaluate} and
 * {@code compare} (documented in the README), also used inside project files.
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
        ci.add(r.accuracy().top1Ci95().lo());
        ci.add(r.accuracy().top1Ci95().hi());
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

    public static ObjectNode comparison(ComparisonResult c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("a", evaluation(c.a()));
        o.set("b", evaluation(c.b()));
        ObjectNode speedup = o.putObject("speedup");
        number(speedup, "median", c.speedup().median());
        ArrayNode ci = speedup.putArray("ci95");
        ci.add(c.speedup().lo());
        ci.add(c.speedup().hi());
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

    /** NaN and infinities are not JSON numbers: they become null (a missing value). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
