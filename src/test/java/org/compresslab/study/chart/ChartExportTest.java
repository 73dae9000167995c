package org.compresslab.study.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.TradeOffPoint;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ChartExportTest {
    @TempDir
    Path dir;

    private static JFreeChart chart() {
        // ResNet-20 figures measured in an earlier session: float, static int8
        List<TradeOffPoint> ps = List.of(
                new TradeOffPoint("base", "float <baseline> & co", "evaluate", null, 0.9324, 0.927, 0.937, 0.372,
                        1_109_062, null),
                new TradeOffPoint("int8", "int8", "quantize.static-int8", TechniqueFamily.QUANTIZATION, 0.9314, 0.926,
                        0.936, 0.196, 312_666, "base"));
        return TradeOffChartFactory.create(new TradeOff(TradeOffAxis.LATENCY_P50, ps, TradeOff.paretoFront(ps)));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // the document's doctype names the W3C DTD: never fetch it
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void anSvgFileIsWellFormedXmlWhoseAxisLabelsAreText() throws Exception {
        Path file = dir.resolve("chart.svg");

        ChartExport.write(chart(), file, 640, 400);

        Document d = parse(Files.readString(file));
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(texts(d)).contains("latency p50 (ms)", "top-1 accuracy");
    }

    @Test
    void theInlineElementScalesByItsViewBoxAndTwoChartsDoNotShareIds() throws Exception {
        String a = ChartExport.svgElement(chart(), 800, 500);
        String b = ChartExport.svgElement(chart(), 800, 500);

        Document d = parse(a);
        assertThat(a).startsWith("<svg");
        assertThat(d.getDocumentElement().getAttribute("viewBox")).isEqualTo("0.0 0.0 800.0 500.0");
        assertThat(texts(d)).contains("latency p50 (ms)");
        List<String> idsA = ids(a);
        assertThat(idsA).isNotEmpty().doesNotContainAnyElementsOf(ids(b));
    }

    private static List<String> ids(String svg) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bid=['\"]([^'\"]+)['\"]").matcher(svg);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void aPngFileDecodesAtTheAskedSize() throws IOException {
        Path file = dir.resolve("Chart.PNG");

        ChartExport.write(chart(), file, 500, 300);

        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(500);
        assertThat(img.getHeight()).isEqualTo(300);
    }

    @Test
    void aFileNameWithAnotherExtensionIsRefusedAndNothingIsWritten() {
        Path file = dir.resolve("chart.jpg");

        assertThatThrownBy(() -> ChartExport.write(chart(), file, 500, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png or .svg");
        assertThat(file).doesNotExist();
    }
}
