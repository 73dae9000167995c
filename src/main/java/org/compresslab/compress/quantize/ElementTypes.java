package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;

/**
 * The element type of every value in a graph. Precision rewrites need only types, not shapes, and shape
 * inference stops at the first op outside CompressLab's op set; type rules are simple enough to get
 * through any op: most ops give their outputs the type of their first input.
 */
final class ElementTypes {
    private static final Set<String> BOOLEAN_OPS = Set.of("Equal", "Less", "LessOrEqual", "Greater",
            "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf");
    private static final Set<String> INT64_OPS = Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin",
            "NonMaxSuppression");

    private ElementTypes() {
    }

    /** Types of the values the graph defines; a value whose type cannot be told is absent. */
    static Map<String, DataType> infer(Graph g) {
        Map<String, DataType> types = new HashMap<>();
        g.initializers().values().forEach(t -> types.put(t.name(), t.type()));
        g.inputs().forEach(v -> types.putIfAbsent(v.name(), v.type()));
        Map<String, DataType> declared = new HashMap<>();
        g.valueInfos().values().forEach(v -> declared.put(v.name(), v.type()));
        g.outputs().forEach(v -> declared.put(v.name(), v.type()));
        for (Node n : g.nodes()) {
            List<DataType> outs = outputTypes(n, types);
            for (int i = 0; i < n.outputs().size(); i++) {
                String o = n.output(i);
                if (o.isEmpty()) {
                    continue;
                }
                // what the model declares wins: it is what the runtime checks the model against
                DataType t = declared.containsKey(o) ? declared.get(o) : i < outs.size() ? outs.get(i) : null;
                if (t != null) {
                    types.put(o, t);
                }
            }
        }
        return types;
    }

    private static List<DataType> outputTypes(Node n, Map<String, DataType> types) {
        if (!n.isDefaultDomain()) {
            return same(n, firstInputType(n, types));
        }
        if (n.attribute("dtype").isPresent()) {
            return nullable(code(n.intAttr("dtype", 1)));
        }
        String op = n.opType();
        if (BOOLEAN_OPS.contains(op)) {
            return List.of(DataType.BOOL);
        }
        if (INT64_OPS.contains(op)) {
            return List.of(DataType.INT64);
        }
        DataType first = firstInputType(n, types);
        return switch (op) {
            case "Cast" -> nullable(code(n.intAttr("to", 1)));
            case "CastLike", "Where" -> nullable(types.get(n.input(1)));
            case "Constant" -> nullable(constantType(n));
            case "ConstantOfShape" -> List.of(n.attribute("value").map(a -> a.asTensor().type()).orElse(DataType.FLOAT));
            case "TopK", "MaxPool" -> nullable(first, DataType.INT64);
            case "Dropout" -> nullable(first, DataType.BOOL);
            case "LayerNormalization" -> nullable(first, DataType.FLOAT, DataType.FLOAT);
            case "QuantizeLinear" -> List.of(n.hasInput(2) && types.containsKey(n.input(2))
                    ? types.get(n.input(2)) : DataType.UINT8);
            case "DequantizeLinear" -> List.of(types.getOrDefault(n.input(1), DataType.FLOAT));
            case "DynamicQuantizeLinear" -> List.of(DataType.UINT8, DataType.FLOAT, DataType.UINT8);
            case "MatMulInteger", "ConvInteger" -> List.of(DataType.INT32);
            default -> same(n, first);
        };
    }

    private static DataType constantType(Node n) {
        for (Attribute a : n.attributes().values()) {
            switch (a.name()) {
                case "value" -> {
                    return a.asTensor().type();
                }
                case "value_float", "value_floats" -> {
                    return DataType.FLOAT;
                }
                case "value_int", "value_ints" -> {
                    return DataType.INT64;
                }
                case "value_string", "value_strings" -> {
                    return DataType.STRING;
                }
                default -> {
                }
            }
        }
        return null;
    }

    private static DataType firstInputType(Node n, Map<String, DataType> types) {
        for (String in : n.inputs()) {
            if (!in.isEmpty() && types.containsKey(in)) {
                return types.get(in);
            }
        }
        return null;
    }

    private static List<DataType> same(Node n, DataType t) {
        if (t == null) {
            return List.of();
        }
        return Collections.nCopies(n.outputs().size(), t);
    }

    /** The given types in output order, cut short at the first unknown one. */
    private static List<DataType> nullable(DataType... ts) {
        List<DataType> out = new ArrayList<>();
        for (DataType t : ts) {
            if (t == null) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    /** The type with this ONNX code, or null for types CompressLab does not know (e.g. float8). */
    private static DataType code(long onnxCode) {
        try {
            return DataType.fromOnnxCode((int) onnxCode);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
