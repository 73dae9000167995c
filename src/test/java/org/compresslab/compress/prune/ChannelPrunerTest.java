package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.ModelStatistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChannelPrunerTest {
    private final ChannelPruner pruner = new ChannelPruner();

    private TechniqueOutcome prune(ModelFile m, Map<String, ?> params) {
        return pruner.apply(m.graph(), StepParameters.validate(pruner.descriptor(), params),
                CompressionFixtures.context(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l1", "l2", "bn-scale", "taylor"})
    void everyImportanceHalvesResNet8sPrunableGroupsAndTheModelStillRuns(String importance) {
        ModelFile m = CompressionFixtures.sample("resnet8");
        Preprocessing prep = m.preprocessing().orElseThrow();

        TechniqueOutcome o = prune(m, Map.of("ratio", 0.5, "importance", importance, "taylor_images", 64));

        var r = (ChannelPruner.ChannelReport) o.report();
        assertThat(r.groups()).isNotEmpty().allSatisfy(gc ->
                assertThat(gc.channelsAfter()).isEqualTo((gc.channelsBefore() + 1) / 2));
        assertThat(r.macsAfter()).isLessThan(r.macsBefore() * 6 / 10);
        assertThat(ModelStatistics.of(o.model()).macs()).isEqualTo(r.macsAfter());
        float[] out = CompressionFixtures.outputs(o.model(), prep, 4);
        assertThat(out).hasSize(40);
        // the first layer's group is protected and the classifier's is blocked by the graph output: both said
        assertThat(r.leftAlone()).anyMatch(s -> s.contains("protected")).anyMatch(s -> s.contains("graph output"));
    }

    @Test
    void roundToKeepsChannelCountsAtMultiples() {
        ModelFile m = CompressionFixtures.sample("resnet8");

        var r = (ChannelPruner.ChannelReport) prune(m, Map.of("ratio", 0.6, "round_to", 8)).report();

        assertThat(r.groups()).allSatisfy(gc -> assertThat(gc.channelsAfter() % 8).isZero());
    }

    @Test
    void globalScopeRemovesTheRatioOfAllPrunableChannelsUnevenly() {
        ModelFile m = CompressionFixtures.sample("resnet8");

        var r = (ChannelPruner.ChannelReport) prune(m, Map.of("ratio", 0.5, "scope", "global")).report();

        int before = r.groups().stream().mapToInt(ChannelPruner.GroupChange::channelsBefore).sum();
        int after = r.groups().stream().mapToInt(ChannelPruner.GroupChange::channelsAfter).sum();
        assertThat(after).isBetween(before / 2 - 2, before / 2 + 2);
        assertThat(r.groups().stream().map(gc -> gc.channelsAfter() * 1.0 / gc.channelsBefore()).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void stepsWithFineTuningRecoverAccuracy() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        Preprocessing prep = m.preprocessing().orElseThrow();

        TechniqueOutcome untuned = prune(m, Map.of("ratio", 0.5, "protect_first_last", false));
        TechniqueOutcome tuned = prune(m, Map.of("ratio", 0.5, "steps", 2, "epochs", 1, "limit", 4000,
                "protect_first_last", false, "lr", 0.01));

        var r = (ChannelPruner.ChannelReport) tuned.report();
        assertThat(r.fineTuning()).hasSize(2);
        double before = CompressionFixtures.accuracy(CompressionFixtures.predictions(m.graph(), prep, 1000));
        double withoutTuning = CompressionFixtures.accuracy(CompressionFixtures.predictions(untuned.model(), prep, 1000));
        double after = CompressionFixtures.accuracy(CompressionFixtures.predictions(tuned.model(), prep, 1000));
        assertThat(after).isGreaterThan(withoutTuning).isGreaterThan(before - 0.1);
        assertThat(r.paramsAfter()).isLessThan(r.paramsBefore());
    }

    @Test
    void aModelWhoseChannelsCannotBeFollowedIsRefusedWithTheReason() {
        ModelFile vit = CompressionFixtures.sample("vit-tiny");

        assertThatThrownBy(() -> prune(vit, Map.of("ratio", 0.5))).isInstanceOf(CompressionException.class)
                .hasMessageContaining("no channel group can be pruned").hasMessageContaining("Transpose");
    }

    @Test
    void excludedLayersKeepTheirChannels() {
        ModelFile m = CompressionFixtures.sample("resnet8");

        var r = (ChannelPruner.ChannelReport) prune(m, Map.of("ratio", 0.5, "exclude", List.of("layer1.0.conv1")))
                .report();

        assertThat(r.groups()).noneMatch(gc -> gc.producers().contains("layer1.0.conv1"));
        assertThat(r.leftAlone()).anyMatch(s -> s.contains("layer1.0.conv1") && s.contains("excluded"));
    }
}
