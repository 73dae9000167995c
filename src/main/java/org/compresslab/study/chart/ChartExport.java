package org.compresslab.study.chart;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Writes a chart as a PNG picture or as SVG (vector: sharp when printed, and its text stays text), or
 * returns the {@code <svg>} element to embed in an HTML page.
 */
public final class ChartExport {
    /** Clip paths and gradients get ids; two charts inlined in one page must not share them. */
    private static final AtomicLong NEXT_PREFIX = new AtomicLong();

    /** The file formats, chosen by the file name's extension. */
    public enum Format {
        PNG, SVG;

        /** The format a file name asks for ({@code .png} or {@code .svg}, any case); empty for anything else. */
        public static Optional<Format> of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) {
                return Optional.of(PNG);
            }
            if (name.endsWith(".svg")) {
                return Optional.of(SVG);
            }
            return Optional.empty();
        }
    }

    private ChartExport() {
    }

    /**
     * Writes the chart in the format the file's extension names.
     *
     * @throws IllegalArgumentException if the name ends in neither .png nor .svg
     * @throws IOException              if the file cannot be written
     */
    public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        Format format = Format.of(file).orElseThrow(() -> new IllegalArgumentException(
                "a chart is saved as .png or .svg; " + file.getFileName() + " is neither"));
        if (format == Format.PNG) {
            writePng(chart, file, width, height);
        } else {
            writeSvg(chart, file, width, height);
        }
    }

    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        Files.write(file, png(chart, width, height));
    }

    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        Files.writeString(file, svgDocument(chart, width, height), StandardCharsets.UTF_8);
    }

    public static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        checkSize(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }

    /** A standalone SVG file's text (XML declaration and doctype included). */
    public static String svgDocument(JFreeChart chart, int width, int height) {
        return draw(chart, width, height).getSVGDocument();
    }

    /**
     * The chart as an inline {@code <svg>} element with a view box, so that CSS can scale it to the
     * page ({@code width:100%; height:auto}) without blurring.
     */
    public static String svgElement(JFreeChart chart, int width, int height) {
        return draw(chart, width, height).getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null);
    }

    private static SVGGraphics2D draw(JFreeChart chart, int width, int height) {
        checkSize(width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix("chart" + NEXT_PREFIX.incrementAndGet() + "_");
        drawWithRotatedTextAsText(chart, g2, width, height);
        g2.dispose();
        return g2;
    }

    /**
     * JFreeChart draws rotated text (the y-axis label) through a TextLayout by default, a workaround for a
     * JDK 1.x bug; in SVG that turns the label into glyph outlines that cannot be searched, selected or
     * read by a screen reader. The switch is global, so it is flipped only while drawing the SVG; a chart
     * drawn on screen meanwhile gets its label either way, both render the same on current JDKs.
     */
    private static synchronized void drawWithRotatedTextAsText(JFreeChart chart, SVGGraphics2D g2, int width,
                                                               int height) {
        boolean workaround = TextUtils.isUseDrawRotatedStringWorkaround();
        TextUtils.setUseDrawRotatedStringWorkaround(false);
        try {
            chart.draw(g2, new Rectangle(0, 0, width, height));
        } finally {
            TextUtils.setUseDrawRotatedStringWorkaround(workaround);
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a chart needs a positive size, not " + width + "×" + height);
        }
    }
}
