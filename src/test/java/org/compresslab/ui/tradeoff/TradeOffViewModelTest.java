package org.compresslab.ui.tradeoff;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.Run;
import org.compresslab.study.TradeOffAxis;
import org.junit.jupiter.api.Test;

class TradeOffViewModelTest {

    @Test
    void theChartFollowsTheProjectsRunsAndTheChosenAxis() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationResult r = CompressionFixtures.evaluate(m, 200, 10);
        ObservableList<Run> runs = FXCollections.observableArrayList();
        TradeOffViewModel vm = new TradeOffViewModel(runs);
        assertThat(vm.tradeOffProperty().get().points()).isEmpty();

        runs.add(Run.evaluation("Baseline", "float", "lenet5.onnx", EvaluationSettings.defaults(), r));

        assertThat(vm.tradeOffProperty().get().points()).hasSize(1);
        assertThat(vm.tradeOffProperty().get().points().get(0).cost()).isEqualTo(r.latency().p50());
        assertThat(vm.summary()).isEqualTo("1 evaluated run(s) plotted, 1 on the Pareto front");

        vm.axisProperty().set(TradeOffAxis.SIZE_BYTES);

        assertThat(vm.tradeOffProperty().get().axis()).isEqualTo(TradeOffAxis.SIZE_BYTES);
        assertThat(vm.tradeOffProperty().get().points().get(0).cost()).isEqualTo(r.size().bytes());
    }
}
