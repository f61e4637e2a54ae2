package io.hazardledger.integrity.note;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.log.MerkleLog;

import javax.sql.DataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The run behind the worked example of docs/FORMAT.md sections 13 and 14: the twelve entries of
 * {@code vectors/chain/valid-full.json} stored in a real ledger database, five and then seven, with the Merkle nodes
 * an honest writer stores (which {@code Ledger.verify()} then checks node by node), checkpoints made by the real
 * {@code JdbcCheckpoints} after each batch with the RFC 8032 TEST 1 key as the log key, and the proofs and entries
 * that {@link MerkleLog} serves.
 */
final class CheckpointExampleRun {

    static final String ORIGIN = "hazard-ledger.local/ledger";
    /** The log key file: the RFC 8032 TEST 1 seed as PKCS#8 PEM. */
    static final String KEY_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
            + "-----END PRIVATE KEY-----\n";
    static final int FIRST = 5;
    static final int INCLUDED = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored merkle_node row. */
    record Node(int level, long nodeIndex, String hash, long leafIndex) {
    }

    /** Everything the page shows, as the code gave it. */
    record Values(String verifierKey, String checkpoint5, String checkpoint12, List<Long> sizes, String latest,
                  String root5, String root12, String tree, String entries5, String inclusion, String consistency,
                  List<Node> nodes, List<String> leafHashes, long verifiedSize) {
    }

    private CheckpointExampleRun() {
    }

    static Values run(Path dir) throws Exception {
        JsonNode chain;
        try (InputStream in = CheckpointExampleRun.class.getResourceAsStream("/vectors/chain/valid-full.json")) {
            chain = JSON.readTree(in);
        }
        DataSource ds = TestLedgers.store(dir);
        PemSigner key = PemSigner.fromPem(KEY_PEM);
        try (Ledger ledger = Ledger.builder().dataSource(ds).checkpoints(key, ORIGIN, Duration.ZERO).build()) {
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            MerkleLog log = ledger.log();
            Map<String, byte[]> nodes = new HashMap<>();

            store(ds, chain, 0, FIRST, nodes);
            String checkpoint5 = checkpoints.checkpointNow();
            store(ds, chain, FIRST, chain.get("entries").size(), nodes);
            String checkpoint12 = checkpoints.checkpointNow();
            long verified = ledger.verify().size();

            long size = log.size();
            StringBuilder entries = new StringBuilder();
            for (byte[] e : log.entries(0, FIRST)) {
                entries.append(new String(e, StandardCharsets.UTF_8)).append('\n');
            }
            ObjectNode tree = JSON.createObjectNode();
            tree.put("treeSize", size);
            tree.put("rootHash", b64(log.root(size)));
            ObjectNode inclusion = JSON.createObjectNode();
            inclusion.put("leafIndex", INCLUDED);
            inclusion.put("treeSize", size);
            inclusion.put("leafHash", b64(log.leafHash(INCLUDED)));
            ArrayNode ih = inclusion.putArray("hashes");
            log.inclusionProof(INCLUDED, size).forEach(h -> ih.add(b64(h)));
            ObjectNode consistency = JSON.createObjectNode();
            consistency.put("fromSize", FIRST);
            consistency.put("toSize", size);
            ArrayNode ch = consistency.putArray("hashes");
            log.consistencyProof(FIRST, size).forEach(h -> ch.add(b64(h)));

            List<String> leafHashes = new ArrayList<>();
            for (JsonNode e : chain.get("entries")) {
                leafHashes.add(e.get("entryHash").asText());
            }
            return new Values(checkpoints.verifierKey(), checkpoint5, checkpoint12, checkpoints.sizes(),
                    checkpoints.latest().orElseThrow(), HexFormat.of().formatHex(log.root(FIRST)),
                    HexFormat.of().formatHex(log.root(size)), JSON.writeValueAsString(tree), entries.toString(),
                    JSON.writeValueAsString(inclusion), JSON.writeValueAsString(consistency), storedNodes(ds),
                    leafHashes, verified);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** Entries [from, to) with their events, the Merkle nodes they complete, and the head moved to {@code to}. */
    private static void store(DataSource ds, JsonNode chain, int from, int to, Map<String, byte[]> nodes)
            throws SQLException {
        JsonNode entries = chain.get("entries");
        Map<String, JsonNode> events = new HashMap<>();
        for (JsonNode e : chain.get("events")) {
            events.put(e.get("eventId").asText(), e);
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement event = c.prepareStatement("INSERT INTO ledger_domain_event (aggregate_identifier, "
                    + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entry (ledger_index, event_id, "
                         + "aggregate_id, event_type, entry_hash, entry) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement node = c.prepareStatement(
                         "INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES (?, ?, ?, ?)");
                 PreparedStatement head = c.prepareStatement("UPDATE ledger_head SET size = ?, head_hash = ? WHERE id = 1")) {
                for (int i = from; i < to; i++) {
                    JsonNode en = entries.get(i);
                    JsonNode ev = events.get(en.get("eventId").asText());
                    event.setString(1, ev.get("aggregateId").asText());
                    event.setLong(2, ev.get("aggregateSequence").asLong());
                    event.setString(3, ev.get("aggregateType").asText().isEmpty() ? null : ev.get("aggregateType").asText());
                    event.setString(4, ev.get("eventId").asText());
                    event.setBytes(5, ev.get("metadataJson").isNull() ? null
                            : ev.get("metadataJson").asText().getBytes(StandardCharsets.UTF_8));
                    event.setBytes(6, ev.get("payloadJson").asText().getBytes(StandardCharsets.UTF_8));
                    event.setString(7, ev.get("payloadRevision").isNull() ? null : ev.get("payloadRevision").asText());
                    event.setString(8, ev.get("eventType").asText());
                    event.setString(9, ev.get("recordedAt").asText());
                    event.executeUpdate();

                    entry.setLong(1, i);
                    entry.setString(2, en.get("eventId").asText());
                    entry.setString(3, en.get("aggregateId").asText());
                    entry.setString(4, en.get("eventType").asText());
                    entry.setString(5, en.get("entryHash").asText());
                    entry.setBytes(6, en.get("bytes").asText().getBytes(StandardCharsets.UTF_8));
                    entry.executeUpdate();

                    // the perfect subtrees entry i completes: while the index is odd, join with the left sibling
                    byte[] current = HexFormat.of().parseHex(en.get("entryHash").asText());
                    nodes.put("0/" + i, current);
                    long index = i;
                    int level = 0;
                    while ((index & 1) == 1) {
                        current = MerkleHash.node(nodes.get(level + "/" + (index - 1)), current);
                        level++;
                        index >>= 1;
                        nodes.put(level + "/" + index, current);
                        node.setInt(1, level);
                        node.setLong(2, index);
                        node.setString(3, HexFormat.of().formatHex(current));
                        node.setLong(4, i);
                        node.executeUpdate();
                    }
                }
                head.setLong(1, to);
                head.setString(2, entries.get(to - 1).get("entryHash").asText());
                head.executeUpdate();
            }
            c.commit();
        }
    }

    private static List<Node> storedNodes(DataSource ds) throws SQLException {
        List<Node> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT level, node_index, hash, leaf_index FROM merkle_node ORDER BY leaf_index, level");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Node(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return out;
    }
}
