package org.compresslab.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.compresslab.study.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV of a real project reads back, by an RFC 4180 reader, as the figures the engine measured. */
class CsvReportTest {
    @TempDir
    static Path dir;
    static ProjectReport report;

    @BeforeAll
    static void makeReport() {
        Project project = ReportFixtures.savedProject(dir.resolve("project"), dir.resolve("scratch"));
        report = ProjectReport.of(project);
    }

    @Test
    void oneRowPerEvaluatedRunWithTheMeasuredFiguresWhateverTheDefaultLocale() throws Exception {
        Locale before = Locale.getDefault();
        Path file = dir.resolve("runs.csv");
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma: must not leak into the file
            CsvReport.write(report, file);
        } finally {
            Locale.setDefault(before);
        }
        String text = Files.readString(file);

        List<List<String>> rows = parse(text);
        assertThat(text).contains("\r\n");
        assertThat(rows).hasSize(1 + report.runs().size());
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvReport.HEADER.size()));
        assertThat(rows.get(0)).contains("top-1 (fraction)", "latency p50 (ms)", "size (bytes)", "MACs per image");
        for (int i = 0; i < report.runs().size(); i++) {
            ReportRun run = report.runs().get(i);
            List<String> row = rows.get(i + 1);
            assertThat(value(row, "run")).isEqualTo(run.run().name());
            assertThat(Double.parseDouble(value(row, "top-1 (fraction)"))).isEqualTo(run.result().accuracy().top1());
            assertThat(Double.parseDouble(value(row, "latency p99 (ms)"))).isEqualTo(run.result().latency().p99());
            assertThat(Long.parseLong(value(row, "gzip size (bytes)"))).isEqualTo(run.result().size().gzipBytes());
            assertThat(Long.parseLong(value(row, "MACs per image"))).isEqualTo(run.result().macs());
            assertThat(Double.parseDouble(value(row, "McNemar p vs baseline"))).isEqualTo(run.vsBaseline().mcnemarP());
        }
        assertThat(value(rows.get(1), "run")).isEqualTo(ReportFixtures.AWKWARD_NAME); // comma and quotes survive
        assertThat(value(rows.get(1), "baseline")).isEqualTo("yes");
        assertThat(value(rows.get(3), "technique id")).isEqualTo("quantize.static-int8");
        assertThat(value(rows.get(3), "started from (run id)")).isEqualTo(report.runs().get(1).run().id());
    }

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBeAndWhatWasNotMeasuredIsEmpty() {
        assertThat(CsvReport.field("plain text")).isEqualTo("plain text");
        assertThat(CsvReport.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReport.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvReport.number(Double.NaN)).isEmpty();
        assertThat(CsvReport.number(0.9324)).isEqualTo("0.9324");
        assertThat(CsvReport.count(-1)).isEmpty();
    }

    private static String value(List<String> row, String column) {
        return row.get(CsvReport.HEADER.indexOf(column));
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the file ends with CRLF").isEmpty();
        return rows;
    }
}
