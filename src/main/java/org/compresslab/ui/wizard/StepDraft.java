package org.compresslab.ui.wizard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.RecipeStep;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueDescriptor;

/** One step of the pipeline being built: a technique and its parameters, each a {@link ParameterDraft}. */
public final class StepDraft {
    private final TechniqueDescriptor technique;
    private final List<ParameterDraft> parameters;
    private final StringBinding error;

    /** A step with the given values (validated ones, e.g. from a loaded recipe); missing ones take their default. */
    StepDraft(StepParameters values) {
        this.technique = values.descriptor();
        this.parameters = technique.parameters().stream()
                .map(p -> new ParameterDraft(technique, p, initial(p, values.values().get(p.name()))))
                .toList();
        Observable[] deps = parameters.stream().map(ParameterDraft::errorProperty).toArray(Observable[]::new);
        this.error = Bindings.createStringBinding(() -> parameters.stream().map(p -> p.errorProperty().get())
                .filter(e -> !e.isEmpty()).findFirst().orElse(""), deps);
    }

    private static Object initial(ParameterSpec spec, Object value) {
        Object v = value == null ? spec.defaultValue() : value;
        // a list is edited as comma-separated text
        return v instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : v;
    }

    public TechniqueDescriptor technique() {
        return technique;
    }

    public List<ParameterDraft> parameters() {
        return parameters;
    }

    /** Empty when every parameter is valid, else the first problem. */
    public StringBinding errorProperty() {
        return error;
    }

    /** The step as a recipe writes it, every parameter spelled out. */
    RecipeStep toRecipeStep() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterDraft p : parameters) {
            values.put(p.spec().name(), p.valueProperty().get());
        }
        return new RecipeStep(technique.id(), values);
    }

    @Override
    public String toString() {
        return technique.title();
    }
}
