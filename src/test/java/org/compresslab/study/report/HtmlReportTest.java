package org.compresslab.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** The HTML report of a real project: one file, nothing fetched, user text escaped, the real figures in it. */
class HtmlReportTest {
    @TempDir
    static Path dir;
    static Project project;
    static ProjectReport report;
    static String html;

    @BeforeAll
    static void writeReport() throws Exception {
        project = ReportFixtures.savedProject(dir.resolve("project"), dir.resolve("scratch"));
        report = ProjectReport.of(project, null, new Environment("Test CPU <x86>", 2, "17.0.9 (Vendor)", "Linux 6.1 (amd64)",
                "1.29.0", "0.1.0"), Instant.parse("2025-03-04T05:06:07Z"));
        Path file = dir.resolve("out/report.html");
        HtmlReport.write(report, file);
        html = Files.readString(file);
    }

    @Test
    void theFileStandsAloneWithoutScriptsOrAnythingFetched() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
        assertThat(html.toLowerCase()).doesNotContain("<script", "<link", "src=", "href=", "@import", "url(http",
                "<iframe", "<img");
    }

    @Test
    void runNamesAndRecipesAreEscaped() {
        assertThat(html).doesNotContain(ReportFixtures.AWKWARD_NAME).doesNotContain("<float>")
                .contains("Baseline &lt;float&gt; &amp; &quot;co&quot;, &#39;v1&#39;")
                .contains("Test CPU &lt;x86&gt;");
        // the int8 step's recipe, as compress reads it, in a <pre>
        assertThat(html).containsPattern("<pre>\\{\\s*&quot;steps&quot; : \\[ \\{\\s*&quot;technique&quot; : "
                + "&quot;quantize.static-int8&quot;");
    }

    @Test
    void bothChartsAreInlineSvgThatParsesAndNamesItsAxes() throws Exception {
        List<String> svgs = svgs(html);

        assertThat(svgs).hasSize(2);
        assertThat(texts(svgs.get(0))).contains("latency p50 (ms)", "top-1 accuracy");
        assertThat(texts(svgs.get(1))).contains("file size (bytes)", "top-1 accuracy");
        assertThat(html).contains("Top-1 accuracy against latency p50 (ms): 3 run(s)");
    }

    @Test
    void theTablesShowTheMeasuredFigures() {
        ReportRun int8 = report.runs().get(2);
        var e = int8.result();

        assertThat(html).contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * e.accuracy().top1()))
                .contains(Figures.millis(e.latency().p50()), Figures.millis(e.latency().p99()))
                .contains(String.format(java.util.Locale.ROOT, "%,d", e.size().bytes()))
                .contains(String.format(java.util.Locale.ROOT, "%,d", e.size().nonZeroParams()))
                .contains(Figures.pValue(int8.vsBaseline().mcnemarP()))
                .contains(Figures.points(int8.vsBaseline().accuracyDelta()))
                .contains("Static int8 quantization (<code>quantize.static-int8</code>)",
                        "Magnitude pruning (unstructured) (<code>prune.magnitude</code>)");
        assertThat(html).contains("<tr class=\"baseline\">");
    }

    @Test
    void theEnvironmentTheDateAndTheLeftOutRunAreStated() {
        assertThat(html).contains("2025-03-04 05:06 UTC", "<dd>1.29.0</dd>", "<dd>0.1.0</dd>", "<dd>2</dd>",
                "Linux 6.1 (amd64)", "Random seeds")
                .contains(report.measuredOn().get(0).replace("&", "&amp;"))
                .contains("Channel pruning 70%: failed: Fine-tuning was cancelled.");
    }

    @Test
    void aFolderOrAFileInThePathIsRefusedInPlainWords() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");

        assertThatThrownBy(() -> HtmlReport.write(report, blocker.resolve("report.html")))
                .isInstanceOf(ProjectException.class).hasMessageStartingWith("Could not write the report to ")
                .hasMessageContaining("blocker");
        assertThatThrownBy(() -> HtmlReport.write(report, dir))
                .isInstanceOf(ProjectException.class).hasMessageContaining("it is a folder");
    }

    @Test
    void rewritingReplacesTheOldReportAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("again/report.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");

        HtmlReport.write(report, file);

        // the same page but for the charts' clip-path ids, which are unique per drawing
        assertThat(Files.readString(file).replaceAll("chart\\d+_", "")).isEqualTo(html.replaceAll("chart\\d+_", ""));
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    static List<String> svgs(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static List<String> texts(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        NodeList nodes = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
