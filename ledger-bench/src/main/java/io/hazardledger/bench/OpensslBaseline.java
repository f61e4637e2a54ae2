package io.hazardledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hardware's limit, measured in the same run: {@code openssl speed -seconds 3 -bytes 1024 sha256} (SHA-256 of
 * 1 KiB blocks, about one ledger entry) and {@code openssl speed -seconds 3 ed25519}; each on one core.
 */
final class OpensslBaseline {

    private OpensslBaseline() {
    }

    /** The result lines of both runs, or one line saying why there are none. */
    static List<String> measure() {
        List<String> lines = new ArrayList<>();
        lines.addAll(run("sha256 of 1 KiB", "openssl", "speed", "-seconds", "3", "-bytes", "1024", "sha256"));
        lines.addAll(run("ed25519", "openssl", "speed", "-seconds", "3", "ed25519"));
        return lines;
    }

    private static List<String> run(String what, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return List.of("openssl baseline (" + what + "): openssl failed");
            }
            List<String> kept = new ArrayList<>();
            String[] all = out.split("\n");
            // the table's header and its last line: "type 1024 bytes" / "sha256 ..." or the ed25519 sign/verify row
            for (int i = 0; i < all.length; i++) {
                if (all[i].startsWith("type") || all[i].contains("sign/s") || (i == all.length - 1 && !all[i].isBlank())) {
                    kept.add("openssl baseline (" + what + "): " + all[i].strip());
                }
            }
            return kept;
        } catch (IOException e) {
            return List.of("openssl baseline (" + what + "): no openssl on the path (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("openssl baseline (" + what + "): interrupted");
        }
    }
}
