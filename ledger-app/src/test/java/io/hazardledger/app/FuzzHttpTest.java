package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded fuzz test of every operation in the server's own OpenAPI document (so a new endpoint is fuzzed without
 * being listed here): hostile path ids and query values, and for each request body the schema's fields replaced by
 * injection strings, wrong JSON types and nulls, plus oversized, deeply nested, duplicate-key, invalid UTF-8, UTF-16,
 * non-JSON and empty bodies. Every answer must be below 500, a refusal must be problem+json without a stack trace
 * or an internal class name, a refusal must store nothing (the ledger's size is unchanged), and the chain must
 * verify at the end. The inputs are fixed, so a failure repeats.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.require-signatures=false", "ledger.log.checkpoint-interval=0s", "logging.level.root=WARN"})
class FuzzHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    /** Ids that are hostile in a path: traversal, injection, markup, control characters, overlong, numbers. */
    static final List<String> HOSTILE_IDS = List.of("hz-fz", "../../etc/passwd", "x' OR '1'='1", "<script>alert(1)</script>",
            "a\u0000b", "\u202e\u0645\u0631\u062d\u0628\u0627", "z".repeat(300), "-1", "99999999999999999999999", "%00", " ");

    /** Values that are hostile as text: injection strings, control characters, a lone surrogate, overlong text. */
    static final List<String> HOSTILE_TEXT = List.of("'; DROP TABLE ledger_entry; --", "${jndi:ldap://x/y}",
            "<img src=x onerror=alert(1)>", "\u0000\u0007\u001b[2J", "\ud800", "%s%s%s%n", "x".repeat(5000));

    /** Values that are hostile as query parameters. */
    static final List<String> HOSTILE_QUERY = List.of("-1", "abc", "1e309", "", "9223372036854775808", "' OR 1=1--",
            "2026-02-30", "2026-11-01T25:61:00Z", "null");

    private Http http;
    private JsonNode schemas;
    private final List<String> failures = new ArrayList<>();
    private int requests;

    @Test
    void everyOperation_survivesHostileInput_withoutA5xx_aTraceOrAStoredRefusal() {
        http = new Http(port);
        Park.setUp(http, "fz");
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-fz", "fz")));
        JsonNode api = ok(http.get("/v3/api-docs")).json();
        schemas = api.path("components").path("schemas");

        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                fuzz(op.getKey().toUpperCase(), path.getKey(), op.getValue());
            }
        }
        assertThat(requests).as("requests sent").isGreaterThan(500);
        assertThat(failures).as("of %d hostile requests", requests).isEmpty();
        assertThat(ok(http.get("/api/v1/ledger/verification")).json().path("valid").asBoolean()).isTrue();
    }

    private void fuzz(String method, String template, JsonNode op) {
        Map<String, String> query = new LinkedHashMap<>();
        List<String> queryNames = new ArrayList<>();
        boolean pathParams = template.contains("{");
        for (JsonNode p : op.path("parameters")) {
            if (p.path("in").asText().equals("query")) {
                queryNames.add(p.path("name").asText());
                query.put(p.path("name").asText(), sample(p.path("schema"), 0).asText());
            }
        }
        // hostile ids in every path parameter at once
        if (pathParams) {
            for (String id : HOSTILE_IDS) {
                send(method, fill(template, id) + queryString(query), "application/json", body(op));
            }
        }
        String path = fill(template, "hz-fz");
        // hostile values in each query parameter
        for (String name : queryNames) {
            for (String value : HOSTILE_QUERY) {
                Map<String, String> q = new LinkedHashMap<>(query);
                q.put(name, value);
                send(method, path + queryString(q), "application/json", body(op));
            }
        }
        JsonNode schema = requestSchema(op);
        if (schema == null) {
            if (!method.equals("GET")) {
                send(method, path + queryString(query), "application/json", "{\"unexpected\":true}".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        String target = path + queryString(query);
        JsonNode base = sample(schema, 0);
        if (base instanceof ObjectNode object) {
            // a value of the wrong JSON type anywhere in the body is refused, naming where it is: never coerced
            for (Map.Entry<String, JsonNode> leaf : leaves(object, "", new LinkedHashMap<>()).entrySet()) {
                ObjectNode spoiled = object.deepCopy();
                replace(spoiled, leaf.getKey(), wrongType(leaf.getValue()));
                Http.Response r = send(method, target, "application/json", spoiled.toString().getBytes(StandardCharsets.UTF_8));
                String top = leaf.getKey().split("[.\\[]")[0];
                if (r.status() != 400 || !r.raw().contains("\"field\":\"" + top)) {
                    failures.add("a wrong type at " + leaf.getKey() + " was not refused as such: " + method + " "
                            + abbreviate(path) + " -> " + r.status() + " " + abbreviate(r.raw()));
                }
            }
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                for (String text : HOSTILE_TEXT) {
                    send(method, target, "application/json", mutated(object, field, JsonNodeFactory.instance.textNode(text)));
                }
                send(method, target, "application/json", mutated(object, field, wrongType(object.get(field))));
                send(method, target, "application/json", mutated(object, field, JsonNodeFactory.instance.nullNode()));
            }
            String json = object.toString();
            if (json.length() > 2) {
                String first = object.fieldNames().next();
                // nesting inside the body, where a free-form field would take it
                send(method, target, "application/json", ("{\"" + first + "\":" + "[".repeat(5000) + "]".repeat(5000)
                        + "}").getBytes(StandardCharsets.UTF_8));
                send(method, target, "application/json", ("{\"" + first + "\":" + object.get(first) + "," + json.substring(1))
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        send(method, target, "application/json", ("[" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "]")
                .getBytes(StandardCharsets.UTF_8));
        send(method, target, "application/json", ("{\"x\":\"" + "y".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        send(method, target, "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        send(method, target, "application/json", base.toString().getBytes(StandardCharsets.UTF_16));
        send(method, target, "application/json", new byte[0]);
        send(method, target, "application/json", "null".getBytes(StandardCharsets.UTF_8));
        send(method, target, "application/json", "42".getBytes(StandardCharsets.UTF_8));
        send(method, target, "text/plain", base.toString().getBytes(StandardCharsets.UTF_8));
        send(method, target, "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one request and records what is wrong with the answer. */
    private Http.Response send(String method, String path, String contentType, byte[] body) {
        requests++;
        long before = size();
        Http.Response r = http.sendBytes(method, path, body == null ? null : contentType, body == null ? new byte[0] : body);
        String what = method + " " + abbreviate(path) + " with " + abbreviate(body == null ? "" : new String(body, StandardCharsets.UTF_8))
                + " -> " + r.status() + " " + abbreviate(r.raw());
        if (r.status() >= 500) {
            failures.add("server error: " + what);
        }
        if (r.status() >= 400) {
            // (answers that succeed may quote stored entries, which name event classes; a refusal names nothing inside)
            for (String leak : List.of("Exception", "\tat ", "org.springframework", "java.lang", "io.hazardledger.",
                    "org.axonframework", "SQL", "org.h2", "org.postgresql")) {
                if (r.raw().contains(leak)) {
                    failures.add("leaks '" + leak + "': " + what);
                }
            }
            if (!r.contentType().startsWith("application/problem+json")) {
                failures.add("refusal is not problem+json (" + r.contentType() + "): " + what);
            }
            if (size() != before) {
                failures.add("a refusal stored something: " + what);
            }
        }
        return r;
    }

    /**
     * The typed values of a sample body by path ({@code a}, {@code a.b}, {@code a[0].b}): leaves and nested objects
     * and arrays, but not free-form objects (no properties in the schema), which take any JSON.
     */
    private static Map<String, JsonNode> leaves(JsonNode node, String prefix, Map<String, JsonNode> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> f = o.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                if (e.getValue() instanceof ObjectNode child && child.isEmpty()) {
                    continue; // free-form
                }
                out.put(path, e.getValue());
                leaves(e.getValue(), path, out);
            }
        } else if (node instanceof ArrayNode a && !a.isEmpty()) {
            leaves(a.get(0), prefix + "[0]", out);
        }
        return out;
    }

    /** Sets the value at a path made by {@link #leaves}. */
    private static void replace(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = root;
        String[] steps = path.replace("[0]", ".#0").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].equals("#0") ? parent.get(0) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.equals("#0")) {
            ((ArrayNode) parent).set(0, value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private long size() {
        return ok(http.get("/api/v1/ledger/tree")).json().path("treeSize").asLong();
    }

    private byte[] body(JsonNode op) {
        JsonNode schema = requestSchema(op);
        return schema == null ? null : sample(schema, 0).toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode requestSchema(JsonNode op) {
        JsonNode content = op.path("requestBody").path("content");
        if (content.isMissingNode()) {
            return null;
        }
        JsonNode media = content.has("application/json") ? content.get("application/json") : content.elements().next();
        return media.path("schema");
    }

    /** A plausible value for a schema: what the fuzzer then spoils one field at a time. */
    private JsonNode sample(JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return depth > 6 ? f.objectNode() : sample(schemas.path(ref.substring(ref.lastIndexOf('/') + 1)), depth + 1);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText("object");
        String format = schema.path("format").asText("");
        switch (type) {
            case "string":
                return f.textNode(switch (format) {
                    case "date" -> "2027-01-01";
                    case "date-time" -> "2026-11-01T08:00:00Z";
                    default -> "fz-1";
                });
            case "boolean":
                return f.booleanNode(false);
            case "integer":
                return f.numberNode(1);
            case "number":
                return f.numberNode(1.5);
            case "array": {
                ArrayNode a = f.arrayNode();
                a.add(sample(schema.path("items"), depth + 1));
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = props.next();
                    o.set(p.getKey(), sample(p.getValue(), depth + 1));
                }
                return o;
            }
        }
    }

    private static JsonNode wrongType(JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null || value.isTextual()) {
            return f.numberNode(12345);
        }
        if (value.isBoolean()) {
            return f.textNode("yes");
        }
        if (value.isNumber()) {
            return f.textNode("NaN");
        }
        if (value.isArray()) {
            return f.objectNode();
        }
        return f.textNode("x");
    }

    private static byte[] mutated(ObjectNode base, String field, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        copy.set(field, value);
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String fill(String template, String id) {
        return template.replaceAll("\\{[^}]+}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("?");
        query.forEach((k, v) -> s.append(s.length() > 1 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }
}
