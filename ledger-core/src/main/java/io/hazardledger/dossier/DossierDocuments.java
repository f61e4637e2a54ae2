package io.hazardledger.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hazardledger.dossier.HazardDossier.Deadline;
import io.hazardledger.dossier.HazardDossier.ProvenEntry;
import io.hazardledger.dossier.HazardDossier.QuietInspection;
import io.hazardledger.dossier.HazardDossier.Responsibility;
import io.hazardledger.dossier.HazardDossier.Stage;
import io.hazardledger.dossier.HazardDossier.TimelineEvent;
import io.hazardledger.flags.CitedEntry;
import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.store.internal.LedgerSerializer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A dossier as files: the JSON document (docs/FORMAT.md section 16, checked offline by {@code verify-dossier}) and a
 * standalone HTML report with an inline SVG timeline, which needs no network, script or server and prints cleanly.
 */
public final class DossierDocuments {

    private static final ObjectMapper JSON = LedgerSerializer.objectMapper().copy()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final Map<HazardStatus, String> COLOURS = Map.of(
            HazardStatus.REPORTED, "#d94841",
            HazardStatus.RECTIFICATION_PLANNED, "#e8a33d",
            HazardStatus.RECTIFICATION_SUBMITTED, "#4a90d9",
            HazardStatus.VERIFIED, "#59a14f",
            HazardStatus.CLOSED, "#8c8c8c");

    private DossierDocuments() {
    }

    /** The dossier as JSON (UTF-8). */
    public static byte[] json(HazardDossier d) {
        try {
            return JSON.writeValueAsBytes(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dossier could not be written as JSON", e);
        }
    }

    /** The dossier as one standalone HTML page; times are shown in {@code zone} (the park's) and in UTC in the data. */
    public static String html(HazardDossier d, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        HazardSummary h = d.hazard();
        StringBuilder o = new StringBuilder(64 * 1024);
        o.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Hazard dossier ")
                .append(esc(d.hazardId())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        o.append("<header>\n<h1>Hazard dossier: ").append(esc(d.hazardId())).append("</h1>\n<p class=\"sub\">")
                .append(esc(h.level().name())).append(" hazard of ").append(esc(d.enterpriseName() == null
                        ? h.enterpriseId() : d.enterpriseName() + " (" + h.enterpriseId() + ")"))
                .append(", status <strong>").append(esc(h.status().name())).append("</strong>")
                .append(h.overdue() ? ", <strong class=\"bad\">overdue</strong>" : "")
                .append(". As the ledger stood at size ").append(d.atSize()).append(", ")
                .append(esc(time.format(d.moment()))).append(" (").append(esc(zone.getId())).append(").</p>\n")
                .append("<p class=\"sub\">Every row cites its ledger entry; each entry, its hash and its inclusion proof in the ")
                .append("signed checkpoint are listed under <a href=\"#entries\">Entries and proofs</a>.</p>\n</header>\n");

        o.append("<section id=\"summary\">\n<h2>The hazard</h2>\n<table class=\"kv\">\n");
        row(o, "Category", h.category());
        row(o, "Location", h.location());
        row(o, "Description", h.description());
        row(o, "Criterion", h.criterionRef());
        row(o, "Source", h.source().name());
        row(o, "Found at", h.foundAt());
        row(o, "Reported by", h.reportedBy());
        row(o, "Owner", h.ownerId());
        row(o, "Due date", h.dueDate() == null ? null : h.dueDate().toString());
        row(o, "Submissions / extensions / reopenings", h.submissions() + " / " + h.extensions() + " / " + h.reopenings());
        o.append("</table>\n</section>\n");

        o.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        svg(o, d, time);
        o.append("<table>\n<thead><tr><th>Entry</th><th>Recorded</th><th>Event</th><th>Status after</th><th>Acting</th>"
                + "<th>Signed by</th><th>What</th></tr></thead>\n<tbody>\n");
        for (TimelineEvent e : d.timeline()) {
            o.append("<tr><td>").append(entryLink(e.index())).append("</td><td>").append(esc(time.format(e.recordedAt())))
                    .append("</td><td>").append(esc(e.eventType())).append("</td><td>")
                    .append(esc(e.statusAfter() == null ? "" : e.statusAfter().name())).append("</td><td>")
                    .append(esc(person(e.actorId(), e.actorName()))).append("</td><td>")
                    .append(e.signerId() == null ? "<span class=\"muted\">unsigned</span>"
                            : esc(e.signerId()) + "<br><span class=\"small\">key " + esc(e.keyId()) + ", claimed "
                            + esc(e.claimedAt()) + "</span><br>" + signatureMode(e.mode())
                            + signatureStatus(e.signatureStatus()))
                    .append("</td><td>").append(esc(e.detail())).append("</td></tr>\n");
        }
        o.append("</tbody>\n</table>\n</section>\n");

        o.append("<section id=\"stages\">\n<h2>How long it stayed at each stage</h2>\n<table>\n<thead><tr><th>Status</th>"
                + "<th>From</th><th>To</th><th>Duration</th></tr></thead>\n<tbody>\n");
        for (Stage s : d.stages()) {
            o.append("<tr><td><span class=\"swatch\" style=\"background:").append(COLOURS.get(s.status()))
                    .append("\"></span>").append(esc(s.status().name())).append("</td><td>").append(entryLink(s.fromIndex()))
                    .append(' ').append(esc(time.format(s.from()))).append("</td><td>")
                    .append(s.toIndex() == null ? (s.status() == HazardStatus.CLOSED ? "" : "<em>still, at the dossier's moment</em>")
                            : entryLink(s.toIndex()) + " " + esc(time.format(s.to())))
                    .append("</td><td>").append(s.status() == HazardStatus.CLOSED && s.toIndex() == null ? ""
                            : esc(duration(s.seconds()))).append("</td></tr>\n");
        }
        o.append("</tbody>\n</table>\n</section>\n");

        o.append("<section id=\"deadlines\">\n<h2>Deadlines and extensions</h2>\n");
        if (d.deadlines().isEmpty()) {
            o.append("<p>No due date was set.</p>\n");
        } else {
            o.append("<table>\n<thead><tr><th>Due date</th><th>Set by</th><th>Kind</th><th>Outcome</th></tr></thead>\n<tbody>\n");
            for (Deadline dl : d.deadlines()) {
                o.append("<tr><td>").append(esc(dl.dueDate().toString())).append("</td><td>").append(entryLink(dl.setIndex()))
                        .append(' ').append(esc(dl.setBy())).append("</td><td>").append(esc(dl.kind()))
                        .append(dl.previousDueDate() == null ? "" : " from " + esc(dl.previousDueDate().toString())
                                + ": " + esc(dl.reason()))
                        .append("</td><td class=\"").append(dl.outcome().equals("missed") ? "bad" : "").append("\">")
                        .append(esc(dl.outcome())).append(dl.outcomeIndex() == null ? "" : " at " + entryLink(dl.outcomeIndex()))
                        .append("</td></tr>\n");
            }
            o.append("</tbody>\n</table>\n");
        }
        o.append("</section>\n<section id=\"escalations\">\n<h2>Escalations</h2>\n<p>")
                .append(d.escalations().isEmpty() ? "None recorded." : d.escalations().size() + " recorded.")
                .append("</p>\n</section>\n");

        o.append("<section id=\"inspections\">\n<h2>Inspections that did not act</h2>\n<p class=\"small\">Inspections of the "
                + "same enterprise signed off while the hazard was open that raised nothing about it.</p>\n");
        if (d.inspectionsWithoutAction().isEmpty()) {
            o.append("<p>None.</p>\n");
        } else {
            o.append("<table>\n<thead><tr><th>Signed off</th><th>Inspection</th><th>Inspector</th><th>Passed items on the "
                    + "hazard's criterion</th></tr></thead>\n<tbody>\n");
            for (QuietInspection q : d.inspectionsWithoutAction()) {
                o.append("<tr><td>").append(entryLink(q.signOffIndex())).append(' ')
                        .append(esc(time.format(q.signedOffAt()))).append("</td><td>").append(esc(q.inspectionId()))
                        .append(" (").append(esc(q.checklist())).append(q.leaderLed() ? ", leader-led" : "")
                        .append(")</td><td>").append(esc(q.inspectorId())).append("</td><td>")
                        .append(esc(String.join(", ", q.passedSameCriterion()))).append("</td></tr>\n");
            }
            o.append("</tbody>\n</table>\n");
        }
        o.append("</section>\n");

        o.append("<section id=\"flags\">\n<h2>Integrity flags</h2>\n");
        if (d.flags().isEmpty()) {
            o.append("<p>None.</p>\n");
        }
        for (IntegrityFlag f : d.flags()) {
            o.append("<div class=\"flag\"><p><strong>").append(esc(f.rule().code())).append("</strong> (")
                    .append(esc(f.severity().name())).append(", rule version ").append(f.ruleVersion()).append(", flag ")
                    .append(esc(f.flagId())).append(")</p>\n<p>").append(esc(f.summary())).append("</p>\n<p>Entries: ");
            List<String> links = new ArrayList<>();
            for (CitedEntry c : f.entries()) {
                links.add(entryLink(c.index()) + " " + esc(c.role()));
            }
            o.append(String.join(", ", links)).append("</p>\n");
            if (f.acknowledgement() != null) {
                o.append("<p>Acknowledged by ").append(esc(f.acknowledgement().acknowledgedBy())).append(" at ")
                        .append(entryLink(f.acknowledgement().index())).append(": ")
                        .append(esc(f.acknowledgement().reason())).append("</p>\n");
            }
            o.append("</div>\n");
        }
        o.append("</section>\n");

        o.append("<section id=\"responsibilities\">\n<h2>Who was responsible</h2>\n<table>\n<thead><tr><th>Role</th><th>Person</th>"
                + "<th>From</th><th>To</th></tr></thead>\n<tbody>\n");
        for (Responsibility r : d.responsibilities()) {
            o.append("<tr><td>").append(esc(r.role())).append("</td><td>").append(esc(person(r.personId(), r.name())))
                    .append("</td><td>").append(entryLink(r.fromIndex())).append(' ').append(esc(time.format(r.from())))
                    .append("</td><td>").append(r.toIndex() == null ? "" : entryLink(r.toIndex()) + " "
                            + esc(time.format(r.to()))).append("</td></tr>\n");
        }
        o.append("</tbody>\n</table>\n</section>\n");

        o.append("<section id=\"entries\">\n<h2>Entries and proofs</h2>\n");
        if (d.proofs().checkpoint() == null) {
            o.append("<p class=\"bad\">This ledger signs no checkpoints: the entries below carry no inclusion proof.</p>\n");
        } else {
            o.append("<p>Each entry's hash is SHA-256(0x00 || entry bytes); its inclusion proof leads to the root of the "
                    + "signed checkpoint of tree size ").append(d.proofs().treeSize()).append(" (RFC 9162, C2SP signed "
                    + "note):</p>\n<pre class=\"note\">").append(esc(d.proofs().checkpoint())).append("</pre>\n");
        }
        o.append("<p>To check every entry and proof of this dossier offline, download its JSON form and run "
                + "<code>java -jar ledger-verifier.jar verify-dossier dossier.json --key &lt;the log's verifier key&gt;</code>"
                + " (docs/FORMAT.md, section 16).</p>\n");
        for (ProvenEntry e : d.proofs().entries()) {
            o.append("<article class=\"entry\" id=\"entry-").append(e.index()).append("\">\n<h3>Entry ").append(e.index())
                    .append("</h3>\n<p class=\"small\">entry hash <code>").append(esc(e.entryHash())).append("</code></p>\n")
                    .append("<pre>").append(esc(e.entry())).append("</pre>\n");
            if (!e.inclusionProof().isEmpty()) {
                o.append("<p class=\"small\">inclusion proof (").append(e.inclusionProof().size())
                        .append(" hashes, base64): <code>").append(esc(String.join(" ", e.inclusionProof())))
                        .append("</code></p>\n");
            }
            o.append("</article>\n");
        }
        o.append("</section>\n<footer><p class=\"small\">").append(esc(HazardDossier.FORMAT)).append(", made from the "
                + "first ").append(d.atSize()).append(" ledger entries.</p></footer>\n</body>\n</html>\n");
        return o.toString();
    }

    /**
     * The timeline chart: one column per event, per missed or pending due date's end and per inspection that did not
     * act, in time order (evenly spaced, so that
     * events seconds apart and deadlines weeks away are all legible); the band under the markers is coloured by the
     * status the hazard was in.
     */
    private static void svg(StringBuilder o, HazardDossier d, DateTimeFormatter time) {
        record Tick(Instant at, TimelineEvent event, Deadline deadline, QuietInspection inspection) {
        }
        List<Tick> ticks = new ArrayList<>();
        for (TimelineEvent e : d.timeline()) {
            ticks.add(new Tick(e.recordedAt(), e, null, null));
        }
        for (Deadline dl : d.deadlines()) {
            Instant end = dl.dueDate().plusDays(1).atStartOfDay(time.getZone()).toInstant();
            if (dl.outcome().equals("missed") || dl.outcome().equals("pending")) {
                ticks.add(new Tick(end, null, dl, null));
            }
        }
        for (QuietInspection q : d.inspectionsWithoutAction()) {
            ticks.add(new Tick(q.signedOffAt(), null, null, q));
        }
        ticks.sort(Comparator.comparing(Tick::at));
        int step = 130;
        int left = 70;
        int width = left * 2 + step * Math.max(1, ticks.size());
        int height = 190;
        o.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" role=\"img\" aria-label=\"Timeline of hazard ")
                .append(esc(d.hazardId())).append("\">\n<title>Timeline of hazard ").append(esc(d.hazardId()))
                .append("</title>\n");
        // status bands: from each event to the next event (or the chart's end), over the time line
        int bandTop = 70;
        o.append("<line x1=\"").append(left - 20).append("\" y1=\"").append(bandTop + 12).append("\" x2=\"")
                .append(width - 10).append("\" y2=\"").append(bandTop + 12).append("\" stroke=\"#333\" stroke-width=\"1\"/>\n");
        for (int i = 0; i < ticks.size(); i++) {
            Tick t = ticks.get(i);
            if (t.event() == null || t.event().statusAfter() == null) {
                continue;
            }
            int x = left + step * i;
            int next = i + 1;
            while (next < ticks.size() && ticks.get(next).event() == null) {
                next++;
            }
            int x2 = next < ticks.size() ? left + step * next : width - 10;
            o.append("<rect class=\"band\" x=\"").append(x).append("\" y=\"").append(bandTop).append("\" width=\"")
                    .append(x2 - x).append("\" height=\"24\" fill=\"").append(COLOURS.get(t.event().statusAfter()))
                    .append("\"><title>").append(esc(t.event().statusAfter().name())).append("</title></rect>\n");
            o.append("<text class=\"bandlabel\" x=\"").append(x + 11).append("\" y=\"").append(bandTop + 16).append("\">")
                    .append(esc(shortStatus(t.event().statusAfter()))).append("</text>\n");
        }
        for (int i = 0; i < ticks.size(); i++) {
            Tick t = ticks.get(i);
            int x = left + step * i;
            if (t.event() != null) {
                TimelineEvent e = t.event();
                o.append("<a href=\"#entry-").append(e.index()).append("\"><circle class=\"event\" cx=\"").append(x)
                        .append("\" cy=\"").append(bandTop + 12).append("\" r=\"7\" fill=\"#fff\" stroke=\"#222\" "
                                + "stroke-width=\"2\"><title>entry ").append(e.index()).append(": ")
                        .append(esc(e.eventType())).append("</title></circle></a>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop - 30)
                        .append("\" text-anchor=\"middle\" class=\"idx\">#").append(e.index()).append("</text>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop - 14)
                        .append("\" text-anchor=\"middle\" class=\"ev\">").append(esc(shortEvent(e.eventType())))
                        .append("</text>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop + 44)
                        .append("\" text-anchor=\"middle\" class=\"when\">").append(esc(time.format(e.recordedAt())
                                .substring(0, 10))).append("</text>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop + 58)
                        .append("\" text-anchor=\"middle\" class=\"when\">").append(esc(time.format(e.recordedAt())
                                .substring(11))).append("</text>\n");
                if (e.signerId() != null) {
                    o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop + 74)
                            .append("\" text-anchor=\"middle\" class=\"who\">signed ").append(esc(e.signerId()))
                            .append("</text>\n");
                }
            } else if (t.inspection() != null) {
                QuietInspection q = t.inspection();
                int y = bandTop + 12;
                o.append("<a href=\"#entry-").append(q.signOffIndex()).append("\"><path class=\"inspection\" d=\"M ")
                        .append(x).append(' ').append(y - 8).append(" L ").append(x + 8).append(' ').append(y)
                        .append(" L ").append(x).append(' ').append(y + 8).append(" L ").append(x - 8).append(' ')
                        .append(y).append(" Z\" fill=\"#fff\" stroke=\"#6a3d9a\" stroke-width=\"2\"><title>entry ")
                        .append(q.signOffIndex()).append(": inspection ").append(esc(q.inspectionId()))
                        .append(" signed off without acting on this hazard</title></path></a>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop - 30)
                        .append("\" text-anchor=\"middle\" class=\"idx\">#").append(q.signOffIndex()).append("</text>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop - 14)
                        .append("\" text-anchor=\"middle\" class=\"insp\">inspection, no action</text>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop + 44)
                        .append("\" text-anchor=\"middle\" class=\"when\">").append(esc(time.format(q.signedOffAt())
                                .substring(0, 10))).append("</text>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop + 74)
                        .append("\" text-anchor=\"middle\" class=\"who\">").append(esc(q.inspectorId()))
                        .append("</text>\n");
            } else {
                Deadline dl = t.deadline();
                boolean missed = dl.outcome().equals("missed");
                o.append("<line class=\"deadline\" x1=\"").append(x).append("\" y1=\"").append(bandTop - 40)
                        .append("\" x2=\"").append(x).append("\" y2=\"").append(bandTop + 64).append("\" stroke=\"")
                        .append(missed ? "#b00020" : "#e8a33d").append("\" stroke-width=\"2\" stroke-dasharray=\"5,4\"/>\n");
                o.append("<text x=\"").append(x).append("\" y=\"").append(bandTop + 90)
                        .append("\" text-anchor=\"middle\" class=\"due\" fill=\"").append(missed ? "#b00020" : "#8a5a00")
                        .append("\">due ").append(esc(dl.dueDate().toString())).append(' ').append(esc(dl.outcome()))
                        .append("</text>\n");
            }
        }
        o.append("</svg>\n");
    }

    private static String shortEvent(String type) {
        return switch (type) {
            case "HazardReported" -> "reported";
            case "RectificationPlanned" -> "planned";
            case "RectificationSubmitted" -> "submitted";
            case "RectificationVerified" -> "verified";
            case "HazardClosedOut" -> "closed out";
            case "HazardReopened" -> "reopened";
            case "DeadlineExtended" -> "extended";
            case "RectificationOverdue" -> "overdue";
            case "HazardEscalated" -> "escalated";
            default -> type;
        };
    }

    private static String shortStatus(HazardStatus s) {
        return switch (s) {
            case REPORTED -> "reported";
            case RECTIFICATION_PLANNED -> "planned";
            case RECTIFICATION_SUBMITTED -> "submitted";
            case VERIFIED -> "verified";
            case CLOSED -> "closed";
        };
    }

    /** Who made the signature, where not the signer with their own key: a server's is never read as a person's. */
    private static String signatureMode(String mode) {
        if (mode == null || mode.equals(io.hazardledger.integrity.sig.Statement.PERSONAL)) {
            return "";
        }
        // the office's acts (escalations, grades) are the server's by design: said plainly, not as a fault
        return mode.equals(io.hazardledger.integrity.sig.Statement.OFFICE_SERVER)
                ? "<span class=\"small\">made by the server with the park office's key</span><br>"
                : "<span class=\"bad\">" + (mode.equals(io.hazardledger.integrity.sig.Statement.DEMO_SERVER)
                ? "made by the demo server, not by the person" : "mode " + esc(mode)) + "</span><br>";
    }

    private static String signatureStatus(String status) {
        return status.equals("valid") ? "<span class=\"ok\">signature valid</span>"
                : "<span class=\"bad\">" + esc(status) + "</span>";
    }

    private static String person(String id, String name) {
        return id == null ? "" : name == null ? id : name + " (" + id + ")";
    }

    private static String entryLink(long index) {
        return "<a href=\"#entry-" + index + "\">#" + index + "</a>";
    }

    private static void row(StringBuilder o, String name, String value) {
        o.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value == null ? "" : value))
                .append("</td></tr>\n");
    }

    /** "3 d 4 h", "5 h 12 min", "42 s". */
    static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        if (d > 0) {
            return d + " d " + h + " h";
        }
        if (h > 0) {
            return h + " h " + m + " min";
        }
        return m > 0 ? m + " min " + seconds % 60 + " s" : seconds + " s";
    }

    /** Text for HTML and SVG: the five characters that can end text or an attribute are escaped (the weekly report too). */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = """
            body { font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; margin: 2rem; color: #222; }
            h1 { font-size: 1.6rem; margin-bottom: .2rem; }
            h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
            h3 { font-size: 1rem; margin: .4rem 0; }
            table { border-collapse: collapse; width: 100%; font-size: .85rem; }
            th, td { border: 1px solid #ddd; padding: .3rem .4rem; text-align: left; vertical-align: top; }
            thead th { background: #f2f2f2; }
            table.kv th { width: 16rem; background: #fafafa; }
            pre { white-space: pre-wrap; word-break: break-all; font-size: .75rem; background: #f7f7f7; padding: .5rem; }
            code { font-size: .75rem; word-break: break-all; }
            .sub { color: #444; margin: .2rem 0; }
            .small { font-size: .75rem; color: #555; }
            .muted { color: #888; }
            .bad { color: #b00020; }
            .ok { color: #2e7d32; }
            .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: middle; }
            .flag { border-left: 4px solid #b00020; padding: .2rem .8rem; margin: .6rem 0; background: #fff6f6; }
            .timeline { max-width: 100%; height: auto; display: block; margin: 1rem 0; overflow: visible; }
            .timeline text { font-size: 11px; fill: #222; }
            .timeline .bandlabel { fill: #fff; font-weight: bold; }
            .timeline .idx { font-weight: bold; }
            .timeline .when, .timeline .who { fill: #555; font-size: 10px; }
            .timeline .due { font-weight: bold; }
            .timeline .insp { fill: #6a3d9a; }
            article.entry { border-top: 1px dashed #ccc; margin-top: .6rem; }
            @media print {
              body { margin: 0; }
              a { color: inherit; text-decoration: none; }
              h2 { break-after: avoid; }
              tr, article.entry, .flag, svg { break-inside: avoid; }
              pre { background: none; border: 1px solid #ddd; }
            }
            @page { margin: 15mm; }
            """;
}
