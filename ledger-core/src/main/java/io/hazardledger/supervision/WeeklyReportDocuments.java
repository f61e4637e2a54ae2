package io.hazardledger.supervision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hazardledger.store.internal.LedgerSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hazardledger.dossier.DossierDocuments.esc;

/**
 * The weekly report as JSON, CSV and a printable HTML page. Each is a function of the report alone (maps sorted, no
 * clock read), so the same ledger position gives the same bytes.
 */
public final class WeeklyReportDocuments {

    private static final ObjectMapper JSON = LedgerSerializer.objectMapper().copy()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private WeeklyReportDocuments() {
    }

    public static byte[] json(WeeklyReport r) {
        try {
            return JSON.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a weekly report could not be written as JSON", e);
        }
    }

    /** One header line, then the park's line and one per enterprise (RFC 4180: CRLF, quoted where needed). */
    public static String csv(WeeklyReport r) {
        List<String> header = new ArrayList<>(List.of("week", "scope", "enterpriseId", "enterpriseName", "found"));
        r.park().foundByLevel().keySet().forEach(k -> header.add("found" + title(k)));
        r.park().foundBySource().keySet().forEach(k -> header.add("found" + title(k)));
        header.add("foundEarlier");
        header.add("rectified");
        r.park().rectifiedByLevel().keySet().forEach(k -> header.add("rectified" + title(k)));
        header.addAll(List.of("foundToDate", "rectifiedToDate", "rectificationRate", "overdue", "openMajor", "atSize",
                "checkpointSize"));
        StringBuilder out = new StringBuilder(String.join(",", header)).append("\r\n");
        row(out, r, "park", r.park());
        r.enterprises().forEach(t -> row(out, r, "enterprise", t));
        return out.toString();
    }

    private static void row(StringBuilder out, WeeklyReport r, String scope, WeeklyReport.Totals t) {
        List<String> cells = new ArrayList<>(List.of(r.week().toString(), scope, cell(t.enterpriseId()),
                cell(t.enterpriseName()), Long.toString(t.found())));
        t.foundByLevel().values().forEach(v -> cells.add(v.toString()));
        t.foundBySource().values().forEach(v -> cells.add(v.toString()));
        cells.add(t.foundEarlier() == null ? "" : t.foundEarlier().toString());   // a report kept before it was counted
        cells.add(Long.toString(t.rectified()));
        t.rectifiedByLevel().values().forEach(v -> cells.add(v.toString()));
        cells.addAll(List.of(Long.toString(t.foundToDate()), Long.toString(t.rectifiedToDate()),
                cell(t.rectificationRate()), Long.toString(t.overdue()), Long.toString(t.openMajor()),
                Long.toString(r.atSize()), Long.toString(r.checkpointSize())));
        out.append(String.join(",", cells)).append("\r\n");
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        // a cell that a spreadsheet would read as a formula is kept as text (OWASP's list: = + - @, tab, CR)
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        boolean quote = formula || value.contains(",") || value.contains("\"") || value.contains("\n")
                || value.contains("\r");
        String v = formula ? "'" + value : value;
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String title(String constant) {
        StringBuilder b = new StringBuilder();
        for (String part : constant.toLowerCase().split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /** A standalone page (no script, no network) with a chart of open major hazards by day; prints on A4. */
    public static String html(WeeklyReport r) {
        StringBuilder o = new StringBuilder();
        o.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Weekly report, week ending ")
                .append(r.week()).append("</title>\n<style>body{font:14px/1.4 sans-serif;margin:2em}table{border-collapse:"
                        + "collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:right}th:first-child,"
                        + "td:first-child{text-align:left}.small{color:#555;font-size:12px}@page{size:A4 landscape}"
                        + "</style>\n</head>\n<body>\n<h1>Weekly report: ")
                .append(r.from()).append(" to ").append(r.week()).append(r.complete() ? "" : " (week not over: so far)")
                .append("</h1>\n<p class=\"small\">From the ledger's first ").append(r.atSize())
                .append(" entries; every counted entry is in the signed checkpoint of ").append(r.checkpointSize())
                .append(" entries below.</p>\n<h2>Open major hazards by day (dynamic zeroing)</h2>\n");
        long max = Math.max(1, r.openMajorByDay().stream().filter(d -> d.openMajor() != null)
                .mapToLong(WeeklyReport.DayCount::openMajor).max().orElse(1));
        o.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"180\" role=\"img\" "
                + "aria-label=\"open major hazards by day\">\n");
        for (int i = 0; i < r.openMajorByDay().size(); i++) {
            WeeklyReport.DayCount d = r.openMajorByDay().get(i);
            long h = d.openMajor() == null ? 0 : Math.round(120.0 * d.openMajor() / max);   // null: not ended yet
            int x = 20 + i * 75;
            o.append("<rect x=\"").append(x).append("\" y=\"").append(140 - h).append("\" width=\"50\" height=\"")
                    .append(h).append("\" fill=\"#b33\"/>").append("<text x=\"").append(x + 25).append("\" y=\"")
                    .append(135 - h).append("\" text-anchor=\"middle\">")
                    .append(d.openMajor() == null ? "–" : d.openMajor().toString()).append("</text>")
                    .append("<text x=\"").append(x + 25).append("\" y=\"158\" text-anchor=\"middle\" font-size=\"11\">")
                    .append(d.day()).append("</text>\n");
        }
        o.append("</svg>\n<h2>Park and enterprises</h2>\n<table>\n<tr><th>scope</th><th>found</th><th>major</th>"
                + "<th>reported, found earlier</th>"
                + "<th>rectified</th><th>found to date</th><th>rectified to date</th><th>rate</th><th>overdue</th>"
                + "<th>open major</th></tr>\n");
        line(o, "Park", r.park());
        r.enterprises().forEach(t -> line(o, t.enterpriseName() + " (" + t.enterpriseId() + ")", t));
        o.append("</table>\n<h2>Found this week by source</h2>\n<table>\n<tr><th>scope</th>");
        r.park().foundBySource().keySet().forEach(k -> o.append("<th>").append(esc(k)).append("</th>"));
        o.append("</tr>\n");
        sources(o, "Park", r.park().foundBySource());
        r.enterprises().forEach(t -> sources(o, t.enterpriseId(), t.foundBySource()));
        o.append("</table>\n<h2>Checkpoint</h2>\n<pre>").append(esc(r.checkpoint())).append("</pre>\n</body>\n</html>\n");
        return o.toString();
    }

    private static void line(StringBuilder o, String scope, WeeklyReport.Totals t) {
        o.append("<tr><td>").append(esc(scope)).append("</td><td>").append(t.found()).append("</td><td>")
                .append(t.foundByLevel().getOrDefault("MAJOR", 0L)).append("</td><td>")
                .append(t.foundEarlier() == null ? "–" : t.foundEarlier().toString()).append("</td><td>")
                .append(t.rectified())
                .append("</td><td>").append(t.foundToDate()).append("</td><td>").append(t.rectifiedToDate())
                .append("</td><td>").append(t.rectificationRate() == null ? "–" : esc(t.rectificationRate()))
                .append("</td><td>").append(t.overdue()).append("</td><td>").append(t.openMajor()).append("</td></tr>\n");
    }

    private static void sources(StringBuilder o, String scope, Map<String, Long> bySource) {
        o.append("<tr><td>").append(esc(scope)).append("</td>");
        bySource.values().forEach(v -> o.append("<td>").append(v).append("</td>"));
        o.append("</tr>\n");
    }
}
