package org.compresslab.ui.changes;

import org.compresslab.study.ModelDiff.LayerChange;
import org.compresslab.study.ModelDiffText;

/**
 * One changed layer as the table shows it: texts for display, counts for sorting.
 *
 * @param op      the op, "Gemm → MatMulInteger" when it changed, "Gemm → 6 nodes" when it was replaced
 * @param change  everything that changed, in words
 */
public record ChangeRow(String layer, String op, String weightsBefore, String weightsAfter, long paramsBefore,
                        long paramsAfter, long nonZeroAfter, String change) {

    public static ChangeRow of(LayerChange c) {
        String op = !c.replacement().isEmpty() ? c.before().op() + " → " + c.replacement().size() + " nodes"
                : c.before().op().equals(c.after().op()) ? c.before().op() : c.before().op() + " → " + c.after().op();
        return new ChangeRow(c.name(), op, ModelDiffText.weights(c.before()), ModelDiffText.weights(c.after()),
                c.before().params(), c.after().params(), c.after().nonZero(), ModelDiffText.change(c));
    }
}
