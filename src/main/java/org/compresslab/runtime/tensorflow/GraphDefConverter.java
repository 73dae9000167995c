package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.TensorNames.tensorName;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.compresslab.graph.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Converts the part of a SavedModel's graph one signature computes into a {@link Graph} of ONNX ops.
 *
 * <p>Every tensor that does not depend on the signature's inputs is folded into an initializer
 * ({@link SignatureSubgraph}). The graph is moved from TensorFlow's NHWC to ONNX's NCHW: the imported input
 * is [N, C, H, W], every 4-D activation is kept channels-first, weights are permuted (HWIO → OIHW,
 * depthwise → grouped Conv) and axis arguments are mapped. Lower-rank tensors keep TensorFlow's layout,
 * except a flattened feature map, which is kept in NCHW order while only dense layers read it (their weight
 * rows are permuted instead of the activations). The ops are translated by kind, by the {@link OpTranslator}s.
 * Calls of library functions (as Keras and tf.function save models) are first replaced by the functions'
 * bodies ({@link FunctionInliner}).
 */
final class GraphDefConverter {
    static final long OPSET = 17;

    /** The TensorFlow ops the converter translates (constant-only ops need no translation: they are folded). */
    static final Set<String> SUPPORTED = supportedOps();

    private final org.tensorflow.Graph live;
    private final Session session;
    private final FunctionInliner inliner;

    GraphDefConverter(org.tensorflow.Graph live, Session session, GraphDef graphDef) {
        this.live = live;
        this.session = session;
        this.inliner = new FunctionInliner(live, graphDef);
    }

    private static Set<String> supportedOps() {
        // ops that are only ever constant or fed: folded, or become the inputs
        Set<String> ops = new TreeSet<>(Set.of("Placeholder", "Const", "VarHandleOp", "ReadVariableOp", "VariableV2"));
        for (Set<String> translated : List.of(ConvolutionAndDenseOps.OPS, BatchNormOps.OPS, ActivationOps.OPS,
                PoolingOps.OPS, ElementwiseOps.OPS, ShapeOps.OPS)) {
            ops.addAll(translated);
        }
        return java.util.Collections.unmodifiableSet(ops);
    }

    Graph convert(SignatureDef signature, String graphName) {
        Map<String, String> fed = new LinkedHashMap<>();
        for (Map.Entry<String, TensorInfo> in : SavedModelFolder.sorted(signature.getInputsMap())) {
            fed.put(tensorName(in.getValue().getName()), in.getKey());
        }
        List<Map.Entry<String, TensorInfo>> outputs = SavedModelFolder.sorted(signature.getOutputsMap());
        List<String> named = outputs.stream().map(e -> tensorName(e.getValue().getName())).toList();
        List<NodeDef> nodes = inliner.inline(named);
        List<String> outputTensors = named.stream().map(inliner::resolve).toList();

        SignatureSubgraph tf = new SignatureSubgraph(live, session, nodes, inliner.feeds());
        ConvertedGraph converted = new ConvertedGraph(tf);
        Map<String, OpTranslator> translators = new HashMap<>();
        for (OpTranslator t : List.of(new ConvolutionAndDenseOps(converted), new BatchNormOps(converted),
                new ActivationOps(converted), new PoolingOps(converted), new ElementwiseOps(converted),
                new ShapeOps(converted))) {
            t.ops().forEach(op -> translators.put(op, t));
        }
        Graph graph = converted.graph();
        graph.setName(graphName);
        graph.opsets().put("", OPSET);
        graph.setProducerName("CompressLab (TensorFlow SavedModel import)");

        List<NodeDef> needed = tf.select(fed.keySet(), outputTensors);
        checkSupported(tf, needed);
        tf.fetchConstants(needed);

        for (Map.Entry<String, String> in : fed.entrySet()) {
            converted.declareInput(in.getKey(), in.getValue());
        }
        for (NodeDef n : needed) {
            if (tf.isConverted(n)) {
                convertNode(n, translators.get(n.getOp()));
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            converted.declareOutput(outputTensors.get(i), outputs.get(i).getKey());
        }
        graph.removeUnusedInitializers();
        return graph;
    }

    private void checkSupported(SignatureSubgraph tf, List<NodeDef> needed) {
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (NodeDef n : needed) {
            if (SignatureSubgraph.FUNCTION_CALLS.contains(n.getOp())) {
                String function = n.getAttrMap().containsKey("f") ? n.getAttrMap().get("f").getFunc().getName() : "?";
                throw new UnsupportedTensorFlowOpException(n.getOp(), n.getName(), "The SavedModel computes its signature"
                        + " by calling the TensorFlow function '" + function + "' (node '" + n.getName() + "', op "
                        + n.getOp() + "), which CompressLab could not inline into the graph ("
                        + (inliner.failure(n.getName()) == null ? "the function is not in the SavedModel"
                        : inliner.failure(n.getName())) + "). Convert the model to ONNX instead (e.g. python -m tf2onnx.convert"
                        + " --saved-model <folder> --opset 17 --output model.onnx) and open the .onnx file.");
            }
            if (tf.isConverted(n) && !SUPPORTED.contains(n.getOp())) {
                unsupported.putIfAbsent(n.getOp(), n.getName());
            }
        }
        if (!unsupported.isEmpty()) {
            Map.Entry<String, String> first = unsupported.entrySet().iterator().next();
            String others = unsupported.size() == 1 ? "" : " It also uses " + String.join(", ",
                    unsupported.keySet().stream().skip(1).map(o -> "'" + o + "'").toList()) + ".";
            throw new UnsupportedTensorFlowOpException(first.getKey(), first.getValue(), "The SavedModel uses the"
                    + " TensorFlow op '" + first.getKey() + "' (node '" + first.getValue() + "'), which CompressLab"
                    + " cannot convert." + others + " Supported ops: " + String.join(", ", SUPPORTED) + ".");
        }
    }

    private static void convertNode(NodeDef n, OpTranslator t) {
        if (t != null) {
            t.convert(n);
        } else if (n.getOp().equals("Placeholder")) {
            throw new SavedModelException("the signature does not feed the placeholder '" + n.getName()
                    + "' the model needs");
        } else {
            throw new IllegalStateException("unchecked op " + n.getOp());
        }
    }
}
