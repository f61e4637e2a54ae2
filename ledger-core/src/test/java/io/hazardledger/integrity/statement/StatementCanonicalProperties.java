package io.hazardledger.integrity.statement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.signing.internal.SignatureMetadata;
import io.hazardledger.store.internal.LedgerSerializer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Statement#canonicalBytes()} over random statements equals the sorted compact JSON that
 * {@link ReferenceStatementJson} writes by hand (what docs/FORMAT.md section 12.10 does with Python's
 * {@code json.dumps}); and a statement stored in event metadata and read back signs the same bytes.
 *
 * <p>Strings are drawn from all of Unicode except unpaired surrogates (which have no canonical form; see
 * {@link StatementVectorsTest}): control characters, the characters RFC 8785 escapes and those it does not
 * ({@code /}, U+007F, U+2028, U+2029), the BMP, and characters above U+FFFF as surrogate pairs.
 */
class StatementCanonicalProperties {

    private static final ObjectMapper MAPPER = LedgerSerializer.objectMapper();

    @Property(tries = 2000)
    void canonicalBytes_areTheSortedCompactJsonOfTheNineMembers(@ForAll("statements") Statement s) {
        String reference = ReferenceStatementJson.sortedCompact(s);

        assertThat(new String(s.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(reference);
        assertThat(s.canonicalBytes()).isEqualTo(reference.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void statementStoredInMetadataAndReadBack_hasTheSameCanonicalBytes(@ForAll("statements") Statement s)
            throws Exception {
        // what Ledger.execute stores, written and parsed as the event store and Ledger.verify() do
        String stored = MAPPER.writeValueAsString(Map.of(SignatureMetadata.KEY,
                SignatureMetadata.toMetadata(new SignedStatement(s, "c2ln"))));
        Map<?, ?> metadata = MAPPER.readValue(stored, Map.class);

        SignedStatement read = SignatureMetadata.fromMetadata(metadata.get(SignatureMetadata.KEY));

        assertThat(read).isNotNull();
        assertThat(read.statement()).isEqualTo(s);
        assertThat(read.statement().canonicalBytes()).isEqualTo(s.canonicalBytes());
        // and the stored statement object, canonicalised as it is, is the signed bytes
        Map<?, ?> object = (Map<?, ?>) ((Map<?, ?>) metadata.get(SignatureMetadata.KEY)).get("statement");
        @SuppressWarnings("unchecked")
        Map<String, ?> members = (Map<String, ?>) object;
        assertThat(ReferenceStatementJson.sortedCompact(members).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(s.canonicalBytes());
    }

    @Provide
    Arbitrary<Statement> statements() {
        Arbitrary<String> any = strings();
        Arbitrary<String> hex64 = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<String> member = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, any),
                net.jqwik.api.Tuple.of(1, hex64),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("hazard.report", "hazard.plan-acceptance", "key.rotate",
                        "personal", "demo-server", "2026-11-29T11:31:49Z", "2026-11-29T19:31:49.123+08:00", "")));
        return Combinators.combine(List.of(member, member, member, member, member, member, member, member))
                .as(v -> new Statement(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7)));
    }

    /** Strings of well-formed UTF-16: no unpaired surrogates. */
    private static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x00, 0x1f)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7f, 0x2028, 0x2029,
                        0xfeff, 0xfffd, 0xffff, 0x80, 0xa0, 0xe9)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoint.list().ofMaxSize(24).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }
}
