package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.SizeReport;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.eval.stats.ProportionInterval;
import org.compresslab.runtime.OptimizationLevel;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

/** Results, runs, projects and failing disks for the study tests. */
final class StudyFixtures {
    private StudyFixtures() {
    }

    /** A result with a distinct, non-round value in every field, so a swapped field cannot go unnoticed. */
    static EvaluationResult result() {
        return new EvaluationResult("model.onnx", "fashion-mnist/test",
                new AccuracyResult(5, 0.6, new ProportionInterval(0.2307, 0.8824), 0.8),
                new LatencyStatistics(0.011, 0.0123, 0.0145, 0.0199, 0.0301, 0.01567, 0.0042, 17),
                63816.2, 2, 4, OptimizationLevel.EXTENDED, "AMD EPYC 7B13", "ONNX Runtime 1.29.0",
                new SizeReport(37641, 33012, 9098, 9001), 123456, 7_340_032,
                new int[] {9, 2, 1, 1, 6}, new int[] {9, 2, 1, 1, 4}, new double[] {0.0145, 0.011, 0.0301});
    }

    /** What the engine reports for nothing measured: NaN figures, unknown MACs and memory, no predictions. */
    static EvaluationResult emptyResult() {
        return new EvaluationResult("empty.onnx", "folder", new AccuracyResult(0, Double.NaN,
                ProportionInterval.UNDEFINED, Double.NaN),
                new LatencyStatistics(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, Double.NaN, 1),
                Double.NaN, 1, 1, OptimizationLevel.DISABLED, null, "ONNX Runtime 1.29.0",
                new SizeReport(10, 20, 0, 0), -1, -1, new int[0], new int[0], new double[] {0.5});
    }

    static EvaluationSettings settings() {
        return new EvaluationSettings(200, 2, 3, 7, 1, OptimizationLevel.BASIC, 1.5);
    }

    static Run evaluationRun(String modelFile) {
        return new Run(Run.newId(), "Baseline evaluation", Run.KIND_EVALUATE, Instant.parse("2025-01-02T03:04:05.123456789Z"),
                "Measured the baseline on 200 test images.", null, modelFile, null, settings(), result(), Run.FINISHED,
                null);
    }

    static Run quantizeRun(String modelFile, String parentRunId) {
        return new Run(Run.newId(), "Static int8", "quantize.static-int8", Instant.parse("2025-01-02T04:00:00Z"),
                "Quantized weights and activations to int8, calibrated on 100 images.",
                "{\"technique\": \"quantize.static-int8\",  \"calibration\": {\"method\":\"minmax\"}}", modelFile,
                parentRunId, null, null, Run.FAILED, "Calibration was cancelled.");
    }

    static Project project(Path baseline) {
        Project project = new Project("Fashion study");
        project.setBaselineModel(baseline.toString());
        project.setDataset(new DatasetChoice("fashion-mnist", "test",
                new Preprocessing(28, 28, 1, new float[] {0.2860f}, new float[] {0.3530f}, Preprocessing.NCHW)));
        project.setSettings(settings());
        return project;
    }

    /** Writes a stand-in model file; the store copies bytes and never parses them. */
    static Path model(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), content);
    }

    /**
     * Field by field, arrays element by element, doubles exactly and NaN equal to NaN (AssertJ's
     * default compares doubles within 1e-15 and NaN as unequal).
     */
    static RecursiveComparisonConfiguration exactly() {
        return RecursiveComparisonConfiguration.builder()
                .withComparatorForType(Double::compare, Double.class)
                .build();
    }

    static void assertSameResult(EvaluationResult actual, EvaluationResult expected) {
        assertThat(actual).usingRecursiveComparison(exactly()).isEqualTo(expected);
    }

    static void assertSameContent(Project actual, Project expected) {
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.baselineModel()).isEqualTo(expected.baselineModel());
        assertThat(actual.dataset()).isEqualTo(expected.dataset());
        assertThat(actual.settings()).isEqualTo(expected.settings());
        assertThat(actual.runs()).usingRecursiveFieldByFieldElementComparator(exactly()).isEqualTo(expected.runs());
    }

    /**
     * A disk that fills up: a file whose name contains {@code namePart} gets half of the first write,
     * then "No space left on device"; other files are written for real. Matching by part of the name
     * keeps the test honest about where bytes go: a store that wrote project.json in place would have
     * it cut in half.
     */
    static FileSink diskFullWhenWriting(String namePart) {
        return file -> {
            OutputStream real = FileSink.DURABLE.open(file);
            if (!file.getFileName().toString().contains(namePart)) {
                return real;
            }
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    real.write(b, off, len / 2);
                    throw new IOException("No space left on device");
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
    }
}
