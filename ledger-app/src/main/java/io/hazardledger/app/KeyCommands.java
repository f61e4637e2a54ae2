package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code keygen} and {@code sign}: the person's side of signing. The private key stays in its file. */
final class KeyCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyCommands() {
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Generate a signing key for a person: writes the private key (PKCS#8 PEM, readable by its "
                    + "owner only) and prints the JSON body that registers its public key "
                    + "(POST /api/v1/people/{person}/keys).")
    static final class Keygen implements Callable<Integer> {

        @Option(names = "--person", required = true, description = "the person the key belongs to")
        String person;

        @Option(names = "--out", required = true, description = "where to write the private key (must not exist)")
        Path out;

        @Option(names = "--algorithm", defaultValue = "ed25519", description = "ed25519 (default) or sm2")
        String algorithm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SignatureAlgorithm alg = switch (algorithm.toLowerCase()) {
                case "ed25519" -> SignatureAlgorithm.ED25519;
                case "sm2" -> SignatureAlgorithm.SM2_SM3;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--algorithm must be ed25519 or sm2, got " + algorithm);
            };
            KeyPairs.Generated key = KeyPairs.generate(alg);
            try {
                Files.writeString(out, key.privateKeyPem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                spec.commandLine().getErr().println("error: " + out + " exists; keygen never overwrites a key");
                return 2;
            }
            try {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the platform's default permissions
            }
            ObjectNode body = JSON.createObjectNode()
                    .put("publicKey", key.verificationKey().spkiBase64())
                    .put("registeredBy", person);
            spec.commandLine().getOut().println(body);
            spec.commandLine().getErr().println("key " + key.verificationKey().keyId() + " (" + alg + ") written to " + out);
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign a write with your key. Asks the server for the statement of the write (its content "
                    + "hash and the hazard's latest entry hash), signs it locally, and prints the request body with "
                    + "its signature, ready to POST. With --statement, signs a statement file instead and prints "
                    + "{statement, signature}.")
    static final class Sign implements Callable<Integer> {

        @Option(names = "--key", required = true, description = "your private key (PKCS#8 PEM)")
        Path key;

        @Option(names = "--action", description = "hazard.report, hazard.plan-acceptance, hazard.submit, hazard.verify, "
                + "hazard.close-out, hazard.extend-deadline, hazard.reopen, key.register, key.rotate, key.revoke, "
                + "flag.acknowledge, "
                + "inspection.sign-off, inspection.co-sign, whistleblower.reveal, whistleblower.shred, whistleblower.link")
        String action;

        @Option(names = "--aggregate", description = "the hazard, inspection, person (key actions), flag (flag.acknowledge) or whistleblower report the write acts on")
        String aggregate;

        @Option(names = "--revoked-key", description = "for key.revoke: the key being revoked")
        String revokedKey;

        @Option(names = "--server", defaultValue = "http://localhost:8080",
                description = "the ledger server (asked with the API token in the environment variable LEDGER_TOKEN; "
                        + "default: ${DEFAULT-VALUE})")
        String server;

        @Option(names = "--statement", description = "sign this statement file (JSON) instead of a request")
        Path statementFile;

        @Parameters(arity = "0..1", description = "the request body (JSON file, or - for standard input) to sign")
        Path request;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PemSigner signer;
            try {
                signer = PemSigner.fromFile(key);
            } catch (InvalidSignatureException e) {
                err.println("error: " + key + ": " + e.getMessage());
                return 2;
            }
            if (statementFile != null) {
                Statement s = statement(JSON.readTree(Files.readString(statementFile)));
                SignedStatement signed = SignedStatement.sign(s, signer);
                out.println(JSON.createObjectNode().<ObjectNode>set("statement", JSON.valueToTree(
                        JSON.readTree(Files.readString(statementFile)))).put("signature", signed.signature()));
                return 0;
            }
            if (request == null || action == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give a request file and --action (or --statement FILE)");
            }
            if (!server.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
                err.println("error: --server " + server + " is not the server's URL: give its scheme and host, such as "
                        + "http://localhost:8080");
                return 2;
            }
            JsonNode body;
            try {
                body = "-".equals(request.toString())
                        ? JSON.readTree(new String(System.in.readAllBytes(), StandardCharsets.UTF_8))
                        : JSON.readTree(Files.readString(request));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                err.println("error: " + ("-".equals(request.toString()) ? "standard input" : request)
                        + " is not JSON: " + e.getOriginalMessage() + (e.getLocation() == null ? ""
                        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
                return 2;
            }
            if (!(body instanceof ObjectNode requestBody)) {
                err.println("error: " + request + " is not a JSON object");
                return 2;
            }
            requestBody.remove("signature");
            ObjectNode prepare = JSON.createObjectNode().put("action", action)
                    .put("keyId", signer.verificationKey().keyId());
            if (aggregate != null) {
                prepare.put("aggregateId", aggregate);
            }
            if (revokedKey != null) {
                prepare.put("revokedKeyId", revokedKey);
            }
            prepare.set("request", requestBody);
            HttpRequest.Builder ask = HttpRequest.newBuilder(
                            URI.create(server.replaceAll("/+$", "") + "/api/v1/statements"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(prepare.toString()));
            // the caller's API token from the environment, never from the command line (where ps would show it)
            String token = System.getenv("LEDGER_TOKEN");
            if (token != null && !token.isBlank()) {
                ask.header("Authorization", "Bearer " + token.strip());
            }
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(ask.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                err.println("error: could not connect to the server at " + server + " (--server; is it running?)");
                return 2;
            }
            if (response.statusCode() != 200) {
                err.println("error: the server refused to prepare the statement (" + response.statusCode()
                        + refusal(response.body()) + (response.statusCode() == 401 && (token == null || token.isBlank())
                        ? "; set the environment variable LEDGER_TOKEN to your API token" : ""));
                return 2;
            }
            JsonNode statementJson = JSON.readTree(response.body());
            SignedStatement signed = SignedStatement.sign(statement(statementJson), signer);
            ObjectNode signature = JSON.createObjectNode();
            signature.set("statement", statementJson);
            signature.put("signature", signed.signature());
            requestBody.set("signature", signature);
            out.println(requestBody);
            err.println("signed " + action + " of " + statementJson.path("aggregateId").asText() + " as "
                    + statementJson.path("signerId").asText() + " with key " + signer.verificationKey().keyId());
            return 0;
        }

        /** A problem's code and detail, as {@code " code): detail"}; another body as it came, after {@code "): "}. */
        private static String refusal(String body) {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem != null && problem.hasNonNull("detail")) {
                    return (problem.hasNonNull("code") ? " " + problem.get("code").asText() : "") + "): "
                            + problem.get("detail").asText();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not a problem document: said as it came
            }
            return "): " + body;
        }

        private static Statement statement(JsonNode s) {
            for (String member : Set.of("action", "aggregateId", "contentSha256", "prevEntryHash", "signerId", "keyId",
                    "claimedAt", "mode")) {
                if (!s.path(member).isTextual()) {
                    throw new IllegalArgumentException("the statement has no " + member);
                }
            }
            return new Statement(s.get("action").asText(), s.get("aggregateId").asText(), s.get("contentSha256").asText(),
                    s.get("prevEntryHash").asText(), s.get("signerId").asText(), s.get("keyId").asText(),
                    s.get("claimedAt").asText(), s.get("mode").asText());
        }
    }
}
