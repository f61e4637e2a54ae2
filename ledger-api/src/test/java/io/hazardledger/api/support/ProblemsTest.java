package io.hazardledger.api.support;

import io.hazardledger.StorageFailureException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure of the ledger's store under a request: 503 for the client to try again, and nothing of its internals. */
class ProblemsTest {

    @Test
    void aStorageFailure_is503_withoutTheDatabasesMessage() {
        ResponseEntity<ProblemDetail> r = new Problems().storage(new StorageFailureException(
                "the ledger's store failed: Connection to db.internal:5432 refused",
                new SQLException("Connection to db.internal:5432 refused", "08001")));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        ProblemDetail p = r.getBody();
        assertThat(p.getType().toString()).isEqualTo(Problems.TYPE_PREFIX + "storage-failure");
        assertThat(p.getProperties()).containsEntry("code", "storage-failure");
        assertThat(p.getDetail()).contains("nothing was acknowledged").doesNotContain("db.internal");
    }
}
