package org.compresslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.compresslab.graph.Graph;
import org.compresslab.graph.InferredValue;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.ShapeInferenceResult;
import org.compresslab.graph.Tensor;

/**
 * Runs a {@link Graph} as a DJL block with autograd. Weights (conv, gemm, matmul, norm scales and
 * biases, learned additive terms) become trainable parameters initialised from the graph's
 * initializers; BatchNorm running statistics become state that the training-mode batch norm updates;
 * other constants stay constants. Shape arithmetic (Shape→Gather→Concat→Reshape chains) is resolved
 * by shape inference at the actual batch size, so exported models with dynamic batch train too.
 * {@link #writeBack(Graph)} puts the trained values into a graph.
 */
public final class GraphBlock extends AbstractBlock {
    private final Graph graph;
    private final String inputName;
    private final String outputName;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Set<String> trainable;
    private final Map<Long, ShapeInferenceResult> shapesByBatch = new ConcurrentHashMap<>();
    private final Map<String, NDArray> constants = new HashMap<>();
    private ValueTransform transform = ValueTransform.NONE;

    public GraphBlock(Graph graph) {
        TrainableOps.check(graph);
        if (graph.runtimeInputs().size() != 1 || graph.outputs().isEmpty()) {
            throw new UntrainableModelException("the training runtime needs a model with one input and at least one output");
        }
        this.graph = graph.copy();
        this.inputName = graph.runtimeInputs().get(0).name();
        this.outputName = graph.outputs().get(0).name();
        this.trainable = WeightRoles.trainable(graph);
        Set<String> state = WeightRoles.batchNormStatistics(graph);
        for (Tensor t : graph.initializers().values()) {
            boolean isTrainable = trainable.contains(t.name());
            if (!isTrainable && !state.contains(t.name())) {
                continue;
            }
            Parameter p = Parameter.builder().setName(t.name())
                    .setType(isTrainable ? Parameter.Type.WEIGHT : Parameter.Type.RUNNING_MEAN)
                    .optShape(new Shape(t.dims()))
                    .optRequiresGrad(isTrainable)
                    .optInitializer((manager, shape, dataType) -> manager.create(t.toFloats(), shape))
                    .build();
            parameters.put(t.name(), addParameter(p));
        }
    }

    /** Installs a hook on weights and activations (fake quantization for QAT); NONE by default. */
    public void setValueTransform(ValueTransform t) {
        this.transform = t == null ? ValueTransform.NONE : t;
    }

    /** Names of the initializers that are trained. */
    public Set<String> trainableNames() {
        return Set.copyOf(trainable);
    }

    public Graph graph() {
        return graph;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // float constants (e.g. GELU's 1/√2) live as long as the block's parameters
        for (Tensor t : graph.initializers().values()) {
            if (!parameters.containsKey(t.name()) && t.type().isFloatingPoint()) {
                NDArray c = manager.create(t.toFloats(), new Shape(t.dims()));
                c.setName(t.name());
                constants.put(t.name(), c);
            }
        }
    }

    ShapeInferenceResult shapesFor(long batch) {
        return shapesByBatch.computeIfAbsent(batch, b -> ShapeInference.infer(graph, b));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        ShapeInferenceResult shapes = shapesFor(x.getShape().get(0));
        Map<String, NDArray> values = new HashMap<>();
        values.put(inputName, transform.apply(inputName, x, false, training));
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = ps.getValue(e.getValue(), x.getDevice(), training);
            values.put(e.getKey(), trainable.contains(e.getKey()) ? transform.apply(e.getKey(), w, true, training) : w);
        }
        NodeContext ctx = new NodeContext(x.getManager(), values, constants, shapes, training);
        for (Node n : graph.nodes()) {
            if (ctx.producesOnlyShapeConstants(n)) {
                continue; // shape arithmetic: already resolved by inference
            }
            NDArray[] outs = NodeOps.run(n, ctx);
            for (int i = 0; i < outs.length && i < n.outputs().size(); i++) {
                if (outs[i] != null && !n.output(i).isEmpty()) {
                    values.put(n.output(i), transform.apply(n.output(i), outs[i], false, training));
                }
            }
        }
        NDArray out = values.get(outputName);
        if (out == null) {
            throw new UntrainableModelException("the model's output '" + outputName + "' was not computed");
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        ShapeInferenceResult shapes = shapesFor(inputShapes[0].get(0));
        InferredValue v = shapes.values().get(outputName);
        if (v == null || !v.hasShape()) {
            throw new UntrainableModelException("cannot infer the shape of the model's output '" + outputName + "'");
        }
        return new Shape[] {new Shape(v.dims())};
    }

    /**
     * Copies the current weights and BatchNorm statistics into {@code target} (initializers of the
     * same names), e.g. the graph a technique will write out after training.
     */
    public void writeBack(Graph target) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray a = e.getValue().getArray();
            Tensor old = target.initializer(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "the target graph has no initializer '" + e.getKey() + "'"));
            target.putInitializer(Tensor.ofFloats(old.name(), old.dims(), a.toFloatArray()));
        }
    }

    /** Every parameter that the optimizer updates. */
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters.forEach((k, p) -> {
            if (p.requiresGradient()) {
                out.put(k, p);
            }
        });
        return out;
    }
}
