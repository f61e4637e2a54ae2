package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Run.cli;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A flagged hazard's dossier over HTTP: the JSON verifies offline with the log's key (and not once an entry is
 * changed), every flag's cited entry is among the proved ones, the HTML report renders its timeline in headless
 * Chromium (where installed) and prints to PDF; an unknown hazard or a bad position is a problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.require-signatures=false")
class DossierHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("ledger.log.key-file", () -> dir.resolve("log-key.pem").toString());
    }

    @LocalServerPort
    int port;

    @Test
    void aFlaggedHazardsDossier_verifiesOffline_andItsReportShowsTheTimeline() throws Exception {
        Http http = new Http(port);
        Park.setUp(http, "dos");
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-dos", "dos")));
        ok(http.post("/api/v1/hazards/hz-dos/plan", j("{'measures':'fix','ownerId':'dos-own','dueDate':'2026-12-30',"
                + "'plannedBy':'dos-own'}")));
        ok(http.post("/api/v1/hazards/hz-dos/submissions", j("{'summary':'fixed','evidence':[{'sha256':'"
                + Park.SHA_BEFORE + "','mediaType':'image/jpeg','capturedAt':'2026-11-01T08:00:00Z',"
                + "'name':'after.jpg'}],'submittedBy':'dos-own'}")));

        Http.Response response = ok(http.get("/api/v1/hazards/hz-dos/dossier"));
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode dossier = response.json();
        assertThat(dossier.path("format").asText()).isEqualTo("hazard-ledger-dossier/1");
        assertThat(dossier.path("timeline")).hasSize(3);
        assertThat(dossier.path("flags").get(0).path("rule").asText()).isEqualTo("AFTER_EQUALS_BEFORE");
        List<String> proved = dossier.path("proofs").path("entries").findValuesAsText("index");
        for (JsonNode cited : dossier.path("flags").get(0).path("entries")) {
            assertThat(proved).contains(cited.path("index").asText());
        }

        Path file = dir.resolve("dossier.json");
        Files.writeString(file, response.raw());
        String key = ok(http.get("/api/v1/ledger/key")).raw().strip();
        Run verified = cli("verify-dossier", file.toString(), "--key", key);
        assertThat(verified.code()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("OK: dossier of hz-dos: 3 timeline entries")
                .contains("not proved: that no later entry of the hazard before its position, no flag");
        Files.writeString(file, response.raw().replace("Flange leak at pump 3", "Flange leak at pump 4"));
        Run tampered = cli("verify-dossier", file.toString(), "--key", key);
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.err()).startsWith("FAILED: entry ");
        assertThat(cli("verify-dossier", dir.resolve("missing.json").toString(), "--key", key).code()).isEqualTo(2);

        // as the ledger stood before the submission: two entries, no flag
        long submission = dossier.path("timeline").get(2).path("index").asLong();
        JsonNode earlier = ok(http.get("/api/v1/hazards/hz-dos/dossier?atIndex=" + submission)).json();
        assertThat(earlier.path("timeline")).hasSize(2);
        assertThat(earlier.path("flags")).isEmpty();

        Http.Response html = ok(http.get("/api/v1/hazards/hz-dos/dossier.html"));
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.raw()).contains("<svg class=\"timeline\"").contains("id=\"entry-" + submission + "\"");

        for (String path : new String[] {"/api/v1/hazards/no-such/dossier", "/api/v1/hazards/no-such/dossier.html"}) {
            Http.Response missing = http.get(path);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
        }
        Http.Response bad = http.get("/api/v1/hazards/hz-dos/dossier?atIndex=-1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("atIndex");

        rendersInChromium(html.raw());
    }

    /**
     * Headless Chromium opens the report from a file (no server, no network), and its screenshot shows the timeline:
     * the bands of the status colours; printed to PDF it gives a PDF.
     */
    private static void rendersInChromium(String html) throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "Chromium is not installed (Debian package chromium)");
        Path page = dir.resolve("dossier.html");
        Files.writeString(page, html);
        Path png = dir.resolve("dossier.png");
        Path pdf = dir.resolve("dossier.pdf");
        run(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000",
                "--screenshot=" + png, page.toUri().toString());
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot).as("a screenshot").isNotNull();
        assertThat(colourShown(shot, 0xd94841)).as("the REPORTED band of the timeline").isTrue();
        assertThat(colourShown(shot, 0xe8a33d)).as("the RECTIFICATION_PLANNED band").isTrue();
        assertThat(colourShown(shot, 0x4a90d9)).as("the RECTIFICATION_SUBMITTED band").isTrue();
        run(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--print-to-pdf=" + pdf, page.toUri().toString());
        byte[] head = Files.readAllBytes(pdf);
        assertThat(new String(head, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    private static boolean colourShown(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count > 200; // a band, not a stray pixel
    }

    private static String chromium() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dirName, name))) {
                    return Path.of(dirName, name).toString();
                }
            }
        }
        return null;
    }

    private static void run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
    }


}
