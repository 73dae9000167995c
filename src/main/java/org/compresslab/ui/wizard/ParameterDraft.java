package org.compresslab.ui.wizard;

import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueDescriptor;

/**
 * One parameter of a wizard step: its spec and the value being edited. The value is what the control
 * gives (Integer, Double, Boolean, a choice's word, text for a list, or unparsable text); the error is
 * the engine's own validation message, so the wizard and the CLI refuse the same values in the same words.
 */
public final class ParameterDraft {
    private final TechniqueDescriptor technique;
    private final ParameterSpec spec;
    private final ObjectProperty<Object> value;
    private final StringBinding error;

    ParameterDraft(TechniqueDescriptor technique, ParameterSpec spec, Object initial) {
        this.technique = technique;
        this.spec = spec;
        this.value = new SimpleObjectProperty<>(initial);
        this.error = Bindings.createStringBinding(this::validate, value);
    }

    private String validate() {
        Object v = value.get();
        if (v == null) {
            return spec.name() + ": enter " + spec.rangeDescription();
        }
        try {
            StepParameters.validate(technique, Map.of(spec.name(), v));
            return "";
        } catch (InvalidRecipeException e) {
            return e.getMessage();
        }
    }

    public ParameterSpec spec() {
        return spec;
    }

    public ObjectProperty<Object> valueProperty() {
        return value;
    }

    /** Empty when the value is valid, else why not. */
    public StringBinding errorProperty() {
        return error;
    }
}
