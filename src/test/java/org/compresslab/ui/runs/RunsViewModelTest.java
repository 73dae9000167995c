package org.compresslab.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.SizeReport;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.eval.stats.ProportionInterval;
import org.compresslab.runtime.OptimizationLevel;
import org.compresslab.study.Run;
import org.junit.jupiter.api.Test;

class RunsViewModelTest {
    private final ObservableList<Run> runs = FXCollections.observableArrayList();

    private static EvaluationResult result() {
        return new EvaluationResult("fashion-cnn.onnx", "fashion-mnist/test",
                new AccuracyResult(1000, 0.8578, new ProportionInterval(0.8351, 0.8782), 0.99),
                new LatencyStatistics(0.011, 0.012, 0.0145, 0.02, 0.03, 0.015, 0.004, 100),
                66666.7, 1, 1, OptimizationLevel.ALL, "test CPU", "ONNX Runtime", new SizeReport(37641, 33012, 9098, 9098),
                290080, -1, new int[0], new int[0], new double[] {0.0145});
    }

    private static Run measured(String name) {
        return Run.evaluation(name, "Evaluated fashion-cnn.onnx", "models/fashion-cnn.onnx", EvaluationSettings.defaults(),
                result());
    }

    private static Run withoutResult(String name) {
        return new Run(Run.newId(), name, "quantize.static-int8", Instant.parse("2025-01-02T04:00:00Z"),
                "Quantized to int8", null, null, null, null, null, Run.FAILED, "Calibration was cancelled.");
    }

    @Test
    void rowsStartWithTheRunsAlreadyThere() {
        runs.add(measured("First"));

        RunsViewModel vm = new RunsViewModel(runs);

        assertThat(vm.rows()).extracting(RunRow::name).containsExactly("First");
    }

    @Test
    void rowsFollowRunsBeingAddedAndRemoved() {
        RunsViewModel vm = new RunsViewModel(runs);
        assertThat(vm.rows()).isEmpty();

        Run a = measured("A");
        Run b = withoutResult("B");
        runs.add(a);
        runs.add(b);
        assertThat(vm.rows()).extracting(RunRow::run).containsExactly(a, b);

        runs.remove(a);
        assertThat(vm.rows()).extracting(RunRow::run).containsExactly(b);

        runs.setAll(measured("C"), measured("D"), measured("E"));
        assertThat(vm.rows()).extracting(RunRow::name).containsExactly("C", "D", "E");

        runs.clear();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void rowsFollowAReadOnlyViewOfTheRunsLikeTheMainViewModelHandsOut() {
        ObservableList<Run> view = FXCollections.unmodifiableObservableList(runs);
        RunsViewModel vm = new RunsViewModel(view);

        runs.add(measured("Through the view"));

        assertThat(vm.rows()).extracting(RunRow::name).containsExactly("Through the view");
    }

    @Test
    void aMeasuredRunShowsAccuracyWithItsIntervalLatencyAndSize() {
        RunsViewModel vm = new RunsViewModel(runs);
        runs.add(measured("Baseline evaluation"));

        RunRow row = vm.rows().get(0);

        assertThat(row.top1()).isEqualTo(0.8578);
        assertThat(row.top1Text()).isEqualTo("85.78% [83.51–87.82]");
        assertThat(row.p50Ms()).isEqualTo(0.0145);
        assertThat(row.p50Text()).isEqualTo("0.015 ms");
        assertThat(row.runtime()).isEqualTo("ONNX Runtime");
        assertThat(row.bytes()).isEqualTo(37641);
        assertThat(row.sizeText()).isEqualTo("37,641 B");
        assertThat(row.status()).isEqualTo(Run.FINISHED);
        assertThat(row.description()).isEqualTo("Evaluated fashion-cnn.onnx");
        assertThat(row.created()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
    }

    @Test
    void aRunWithoutResultShowsDashesAndSortsAsNotMeasured() {
        RunsViewModel vm = new RunsViewModel(runs);
        runs.add(withoutResult("Static int8"));

        RunRow row = vm.rows().get(0);

        assertThat(row.top1Text()).isEqualTo("—");
        assertThat(row.p50Text()).isEqualTo("—");
        assertThat(row.sizeText()).isEqualTo("—");
        assertThat(row.runtime()).isEqualTo("—");
        assertThat(row.top1()).isNaN();
        assertThat(row.p50Ms()).isNaN();
        assertThat(row.bytes()).isEqualTo(-1);
        assertThat(row.status()).isEqualTo(Run.FAILED);
        assertThat(row.description()).isEqualTo("Quantized to int8 — Calibration was cancelled.");
    }
}
