package org.compresslab.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InspectorFormatTest {
    @Test
    void shortNamesDropPathSegmentsTheNextOneRepeats() {
        assertThat(InspectorFormat.shortName("/layer2/layer2.0/downsample/downsample.0/Conv", 99))
                .isEqualTo("layer2.0/downsample.0/Conv");
        assertThat(InspectorFormat.shortName("/conv1/Conv", 99)).isEqualTo("conv1/Conv");
        assertThat(InspectorFormat.shortName("my_node", 99)).isEqualTo("my_node");
        assertThat(InspectorFormat.shortName("/", 99)).isEqualTo("/");
        assertThat(InspectorFormat.shortName("/features/features.17/conv/conv.2/Conv", 12)).isEqualTo("…conv.2/Conv");
    }

    @Test
    void tableNamesAlsoDropTheOpTheOpColumnShows() {
        assertThat(InspectorFormat.tableName("/layer1/layer1.0/bn1/BatchNormalization", "BatchNormalization"))
                .isEqualTo("layer1.0/bn1");
        assertThat(InspectorFormat.tableName("/layer1/layer1.0/relu_1/Relu", "Relu")).isEqualTo("layer1.0/relu_1");
        assertThat(InspectorFormat.tableName("/features/features.0/features.0.2/Constant_1", "Constant"))
                .isEqualTo("features.0.2/Constant_1");
        assertThat(InspectorFormat.tableName("Conv", "Conv")).isEqualTo("Conv");
        assertThat(InspectorFormat.tableName("my_node", "MyCustomOp")).isEqualTo("my_node");
    }

    @Test
    void countsAreExactWithAShortFormBeside() {
        assertThat(InspectorFormat.countAndCompact(950)).isEqualTo("950");
        assertThat(InspectorFormat.countAndCompact(1_500_000_000L)).isEqualTo("1,500,000,000 (1.5 G)");
        assertThat(InspectorFormat.macs(-1)).isEqualTo("unknown");
        assertThat(InspectorFormat.macs(0)).isEqualTo("0");
    }

    @Test
    void sharesNeverRoundAnUnknownOrTinyValueToSomethingElse() {
        assertThat(InspectorFormat.percent(Double.NaN)).isEqualTo("–");
        assertThat(InspectorFormat.percent(0.0001)).isEqualTo("<0.1%");
        assertThat(InspectorFormat.percent(0)).isEqualTo("0.0%");
        assertThat(InspectorFormat.percent(0.0651)).isEqualTo("6.5%");
    }
}
