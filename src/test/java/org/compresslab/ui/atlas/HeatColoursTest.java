package org.compresslab.ui.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeatColoursTest {

    private static double lightness(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    @Test
    void hotterCellsAreDarkerFromNearWhiteToDarkRed() {
        assertThat(HeatColours.colour(0)).isEqualTo("#fff5f0");
        assertThat(HeatColours.colour(1)).isEqualTo("#67000d");
        for (int i = 1; i <= 20; i++) {
            assertThat(lightness(HeatColours.colour(i / 20.0))).isLessThan(lightness(HeatColours.colour((i - 1) / 20.0)));
        }
        // out-of-range and unknown heat never throw or wrap around
        assertThat(HeatColours.colour(1.7)).isEqualTo(HeatColours.colour(1));
        assertThat(HeatColours.colour(-0.2)).isEqualTo(HeatColours.colour(0));
        assertThat(HeatColours.colour(Double.NaN)).isEqualTo(HeatColours.colour(0));
    }

    @Test
    void darkCellsGetWhiteTextAndMissingCellsAreGreyNotAHeat() {
        assertThat(HeatColours.style(0.9)).contains("-fx-background-color: " + HeatColours.colour(0.9))
                .contains("-fx-text-fill: white");
        assertThat(HeatColours.style(0.1)).doesNotContain("white");
        assertThat(HeatColours.missingStyle()).contains("#f0f0f0").doesNotContain(HeatColours.colour(0));
    }

    @Test
    void dropsReadAsPercentagePoints() {
        assertThat(AtlasViewModel.pointsText(0.0123)).isEqualTo("1.2");
        assertThat(AtlasViewModel.pointsText(-0.004)).isEqualTo("-0.4");
        assertThat(AtlasViewModel.pointsText(-0.0001)).isEqualTo("0.0");
        assertThat(AtlasViewModel.paramsText(48_120)).isEqualTo("48,120");
        assertThat(AtlasViewModel.paramsText(-1)).isEqualTo("—");
    }
}
