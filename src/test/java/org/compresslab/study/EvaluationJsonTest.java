package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compresslab.eval.EvaluationResult;
import org.junit.jupiter.api.Test;

class EvaluationJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Through text, as a file would carry it. */
    private static JsonNode throughText(ObjectNode json) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(json));
    }

    @Test
    void resultWithPredictionsComesBackWithEveryFieldEqual() throws Exception {
        EvaluationResult original = StudyFixtures.result();

        EvaluationResult back = EvaluationJson.fromJson(throughText(EvaluationJson.evaluationWithPredictions(original)));

        StudyFixtures.assertSameResult(back, original);
        assertThat(back.labels()).containsExactly(9, 2, 1, 1, 6);
        assertThat(back.predictions()).containsExactly(9, 2, 1, 1, 4);
        assertThat(back.latencySamplesMs()).containsExactly(0.0145, 0.011, 0.0301);
    }

    @Test
    void unmeasuredValuesComeBackAsNaNAndMinusOne() throws Exception {
        EvaluationResult original = StudyFixtures.emptyResult();

        EvaluationResult back = EvaluationJson.fromJson(throughText(EvaluationJson.evaluationWithPredictions(original)));

        StudyFixtures.assertSameResult(back, original);
        assertThat(back.accuracy().top1()).isNaN();
        assertThat(back.accuracy().top1Ci95().isDefined()).isFalse();
        assertThat(back.throughputImagesPerSecond()).isNaN();
        assertThat(back.macs()).isEqualTo(-1);
        assertThat(back.memoryBytes()).isEqualTo(-1);
        assertThat(back.cpu()).isNull();
    }

    @Test
    void thePublicContractCarriesNoPerImageDataAndReadsBackWithEmptyArrays() throws Exception {
        ObjectNode contract = EvaluationJson.evaluation(StudyFixtures.result());

        EvaluationResult back = EvaluationJson.fromJson(throughText(contract));

        assertThat(contract.has("labels")).isFalse();
        assertThat(contract.has("predictions")).isFalse();
        assertThat(contract.has("latency_samples_ms")).isFalse();
        assertThat(back.labels()).isEmpty();
        assertThat(back.predictions()).isEmpty();
        assertThat(back.latencySamplesMs()).isEmpty();
        assertThat(back).usingRecursiveComparison(StudyFixtures.exactly())
                .ignoringFields("labels", "predictions", "latencySamplesMs")
                .isEqualTo(StudyFixtures.result());
    }

    @Test
    void withPredictionsOnlyAddsKeysToTheContract() {
        ObjectNode contract = EvaluationJson.evaluation(StudyFixtures.result());
        ObjectNode extended = EvaluationJson.evaluationWithPredictions(StudyFixtures.result());

        extended.remove("labels");
        extended.remove("predictions");
        extended.remove("latency_samples_ms");

        assertThat(extended).isEqualTo(contract);
    }

    @Test
    void aMissingFieldIsNamedNotReadAsZero() {
        ObjectNode json = EvaluationJson.evaluation(StudyFixtures.result());
        ((ObjectNode) json.get("latency_ms")).remove("p50");

        assertThatThrownBy(() -> EvaluationJson.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency_ms").hasMessageContaining("p50");
    }

    @Test
    void aPredictionThatIsNotAWholeNumberIsRefused() {
        ObjectNode json = EvaluationJson.evaluationWithPredictions(StudyFixtures.result());
        json.withArray("predictions").add(1.5);

        assertThatThrownBy(() -> EvaluationJson.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predictions[5]");
    }
}
