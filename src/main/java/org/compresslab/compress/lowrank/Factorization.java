package org.compresslab.compress.lowrank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.FineTuning;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TrainingParameters;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;
import org.compresslab.train.ValueTransform;

/** What {@code lowrank.svd} and {@code lowrank.tucker} share: choosing ranks, replacing layers, fine-tuning. */
final class Factorization {
    static final String EXCLUDE = "exclude";
    static final String NO_SAVING = "no saving";

    private Factorization() {
    }

    /** rank_ratio, energy, exclude, then the optional fine-tuning's training parameters. */
    static List<ParameterSpec> parameters(String excludeExplanation) {
        List<ParameterSpec> p = new ArrayList<>(RankRule.PARAMETERS);
        p.add(ParameterSpec.textList(EXCLUDE, excludeExplanation));
        p.addAll(TrainingParameters.specs(0, 0, 0.005,
                "Epochs of fine-tuning after the factorization (0 = none; or add a train.finetune step)."));
        return p;
    }

    static TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx,
                                  List<FactorizableLayers.Kind> kinds, String method) {
        Graph g = model.copy();
        ModelStatistics before = ModelStatistics.of(model);
        RankRule rule = RankRule.from(p);
        List<String> warnings = new ArrayList<>();
        ctx.progress().progress(0, "decomposing weights");
        FactorizableLayers.Found found = FactorizableLayers.find(g, kinds, excluded(p.textList(EXCLUDE), g, warnings));
        List<SkippedLayer> leftAlone = new ArrayList<>(found.leftAlone());
        List<FactorizedLayer> done = new ArrayList<>();
        for (int i = 0; i < found.layers().size(); i++) {
            ctx.cancel().throwIfCancelled();
            FactorizableLayer layer = found.layers().get(i);
            ctx.progress().progress(0.1 * i / found.layers().size(), "factorizing " + layer.name());
            List<Integer> ranks = layer.ranks(rule);
            if (!layer.reduces(ranks)) {
                SkippedLayer s = new SkippedLayer(layer.name(), layer.node().opType(), noSaving(layer, ranks));
                leftAlone.add(s);
                warnings.add(s.layer() + " left as it is: " + s.reason());
                continue;
            }
            List<String> nodes = layer.replace(g, ranks);
            done.add(new FactorizedLayer(layer.name(), layer.node().opType(), layer.method(), layer.weightShape(),
                    layer.fullRanks(), ranks, layer.paramsBefore(), layer.paramsAfter(ranks), layer.macsBefore(),
                    layer.macsAfter(ranks), layer.relativeError(ranks), nodes));
        }
        warnings.addAll(structuralWarnings(leftAlone));
        if (done.isEmpty()) {
            throw new CompressionException("no layer could be factorized: " + (leftAlone.isEmpty()
                    ? "the model has no " + (kinds.contains(FactorizableLayers.Kind.CONVOLUTIONS) ? "convolution"
                    : "Gemm or MatMul layer with a stored weight")
                    : String.join("; ", leftAlone.stream().map(SkippedLayer::describe).toList())));
        }
        g.removeUnusedInitializers();
        List<String> problems = GraphValidator.problems(g);
        if (!problems.isEmpty()) {
            throw new CompressionException("the factorized model is not valid: " + String.join("; ", problems));
        }
        List<FineTuning.FineTuneReport> tuning = new ArrayList<>();
        if (p.integer("epochs") > 0) {
            FineTuning.Result tuned = FineTuning.fineTune(g, p, ValueTransform.NONE, ctx, 0.1, 1.0);
            g = tuned.model().graph();
            tuning.add(tuned.report());
            warnings.addAll(tuned.warnings());
        }
        ModelStatistics after = ModelStatistics.of(g);
        ctx.progress().progress(1.0, "factorized " + done.size() + " layers");
        return new TechniqueOutcome(g, new LowRankReport(method, rule.describe(), rule.ratio(), rule.energy(),
                before.params(), after.params(), before.macs(), after.macs(), done, leftAlone, tuning), warnings);
    }

    static String noSaving(FactorizableLayer layer, List<Integer> ranks) {
        String macs = layer.macsBefore() < 0 ? ""
                : String.format(Locale.ROOT, " and %,d MACs (now %,d)", layer.macsAfter(ranks), layer.macsBefore());
        return String.format(Locale.ROOT, "at %s %s of %s the factors would hold %,d weights (now %,d)%s — %s",
                ranks.size() == 1 ? "rank" : "ranks", ranksText(ranks), ranksText(layer.fullRanks()), layer.paramsAfter(ranks), layer.paramsBefore(), macs,
                NO_SAVING);
    }

    /** "8", or "8×4" for Tucker-2's output and input channel ranks. */
    static String ranksText(List<Integer> ranks) {
        return String.join("×", ranks.stream().map(String::valueOf).toList());
    }

    /** One warning per structural reason (e.g. every depthwise convolution), naming the layers. */
    private static List<String> structuralWarnings(List<SkippedLayer> leftAlone) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (SkippedLayer s : leftAlone) {
            if (!s.reason().equals("excluded") && !s.reason().endsWith(NO_SAVING)) {
                byReason.computeIfAbsent(s.reason(), k -> new ArrayList<>()).add(s.layer());
            }
        }
        List<String> out = new ArrayList<>();
        byReason.forEach((reason, layers) -> out.add("left alone, " + reason + ": " + String.join(", ", layers)));
        return out;
    }

    /** Nodes named in {@code exclude} by name or op type; a name matching nothing adds a warning. */
    private static Predicate<Node> excluded(List<String> exclude, Graph g, List<String> warnings) {
        Set<String> names = new HashSet<>(exclude);
        for (String e : exclude) {
            if (g.nodes().stream().noneMatch(n -> n.name().equals(e) || n.opType().equals(e))) {
                warnings.add("exclude: no node or op type named '" + e + "' in the model (ignored)");
            }
        }
        return n -> names.contains(n.name()) || names.contains(n.opType());
    }
}
