package org.compresslab.ui.atlas;

import java.util.Locale;

/**
 * Heat as a cell style: white for insensitive layers through orange-red to dark red for the most
 * sensitive (ColorBrewer "Reds", readable in print and for red-green colour-blind readers since only
 * lightness carries the meaning). Text turns white where the background gets dark.
 */
public final class HeatColours {
    private static final int[][] STOPS = {{0xFF, 0xF5, 0xF0}, {0xFC, 0xBB, 0xA1}, {0xFB, 0x6A, 0x4A},
            {0xCB, 0x18, 0x1D}, {0x67, 0x00, 0x0D}};
    private static final double WHITE_TEXT_FROM = 0.6;

    private HeatColours() {
    }

    /** The background colour for a heat in [0, 1] (clipped), as {@code #rrggbb}. */
    public static String colour(double heat) {
        double h = Double.isNaN(heat) ? 0 : Math.max(0, Math.min(1, heat));
        double pos = h * (STOPS.length - 1);
        int i = Math.min((int) pos, STOPS.length - 2);
        double t = pos - i;
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = (int) Math.round(STOPS[i][c] + t * (STOPS[i + 1][c] - STOPS[i][c]));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    /** A JavaFX CSS style for a table cell of this heat. */
    public static String style(double heat) {
        return "-fx-background-color: " + colour(heat) + "; -fx-text-fill: "
                + (heat >= WHITE_TEXT_FROM ? "white" : "#1a1a1a") + "; -fx-alignment: CENTER-RIGHT;";
    }

    /** The style of a cell whose layer the family did not measure: neutral grey, never a heat. */
    public static String missingStyle() {
        return "-fx-background-color: #f0f0f0; -fx-text-fill: #8a8a8a; -fx-alignment: CENTER;";
    }
}
