package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.eval.ModelFile;
import org.junit.jupiter.api.Test;

class PruningSensitivityTest {

    @Test
    void everyPrunableGroupGetsACurveFromTenToNinetyPercentAndTheModelIsUnchanged() {
        ModelFile m = CompressionFixtures.sample("resnet8");
        PruningSensitivity t = new PruningSensitivity();

        TechniqueOutcome o = t.apply(m.graph(), StepParameters.validate(t.descriptor(), Map.of("images", 200)),
                CompressionFixtures.context(m));

        assertThat(o.model()).isSameAs(m.graph());
        var r = (PruningSensitivity.PruningSensitivityReport) o.report();
        assertThat(r.groups()).hasSize(ChannelDependencies.analyse(m.graph()).prunableGroups().size());
        for (PruningSensitivity.GroupCurve c : r.groups()) {
            assertThat(c.points()).extracting(PruningSensitivity.Point::ratio)
                    .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
            // removing 90% of a group's channels costs more than removing 10%
            assertThat(c.points().get(8).accuracy()).isLessThanOrEqualTo(c.points().get(0).accuracy() + 0.02);
            assertThat(c.points().get(0).channelsKept()).isGreaterThan(c.points().get(8).channelsKept());
        }
        assertThat(r.leftAlone()).anyMatch(s -> s.contains("graph output"));
    }
}
