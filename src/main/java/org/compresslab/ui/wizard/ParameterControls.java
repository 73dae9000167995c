package org.compresslab.ui.wizard;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import org.compresslab.compress.ParameterSpec;

/**
 * The control for one parameter, chosen by its type: a spinner bounded by the range for integers, a text
 * field for numbers and lists (so a half-typed value shows its error instead of being silently reset),
 * a check box, a drop-down of the allowed words. Every control writes the draft's value as the user types.
 */
final class ParameterControls {
    private ParameterControls() {
    }

    static Node create(ParameterDraft draft) {
        ParameterSpec spec = draft.spec();
        Node control = switch (spec.type()) {
            case INTEGER -> integer(draft, spec);
            case NUMBER -> text(draft, plain(draft.valueProperty().get()), true);
            case BOOLEAN -> bool(draft);
            case CHOICE -> choice(draft, spec.choices());
            case TEXT_LIST -> text(draft, String.valueOf(draft.valueProperty().get()), false);
        };
        control.setId("param-" + spec.name());
        if (control instanceof javafx.scene.layout.Region r) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            r.setMaxWidth(180);
        }
        return control;
    }

    private static Node integer(ParameterDraft draft, ParameterSpec spec) {
        int min = (int) Math.max(Integer.MIN_VALUE, spec.min());
        int max = (int) Math.min(Integer.MAX_VALUE, spec.max());
        Object v = draft.valueProperty().get();
        Spinner<Integer> spinner = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max,
                v instanceof Number n ? n.intValue() : min));
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        spinner.valueProperty().addListener((o, was, now) -> draft.valueProperty().set(now));
        // typed text counts at once (a spinner commits only on Enter); what does not parse shows its error
        spinner.getEditor().textProperty().addListener((o, was, now) -> {
            try {
                draft.valueProperty().set(Integer.parseInt(now.strip()));
            } catch (NumberFormatException e) {
                draft.valueProperty().set(now);
            }
        });
        return spinner;
    }

    private static Node text(ParameterDraft draft, String initial, boolean numeric) {
        TextField field = new TextField(initial);
        field.setPrefColumnCount(numeric ? 8 : 12);
        field.textProperty().addListener((o, was, now) -> {
            if (!numeric) {
                draft.valueProperty().set(now);
                return;
            }
            try {
                draft.valueProperty().set(Double.parseDouble(now.strip()));
            } catch (NumberFormatException e) {
                draft.valueProperty().set(now);
            }
        });
        return field;
    }

    private static Node bool(ParameterDraft draft) {
        CheckBox box = new CheckBox();
        box.setSelected(Boolean.TRUE.equals(draft.valueProperty().get()));
        box.selectedProperty().addListener((o, was, now) -> draft.valueProperty().set(now));
        return box;
    }

    private static Node choice(ParameterDraft draft, List<String> choices) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(choices);
        box.setValue(String.valueOf(draft.valueProperty().get()));
        box.valueProperty().addListener((o, was, now) -> draft.valueProperty().set(now));
        return box;
    }

    private static String plain(Object v) {
        if (v instanceof Number n) {
            return org.compresslab.compress.Numbers.plain(n.doubleValue());
        }
        return String.valueOf(v);
    }
}
