package io.hazardledger.directory.internal;

import io.hazardledger.directory.Directory;
import io.hazardledger.directory.EnterpriseRecord;
import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.directory.KeyRecord;
import io.hazardledger.directory.KeyRegistered;
import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.PersonRegistered;
import io.hazardledger.directory.PrincipalAppointed;
import io.hazardledger.directory.Role;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.RewriteCompared;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory tables ({@code enterprise_view}, {@code person_view}): a projection, and the lookups on it. */
public final class DirectoryView implements Projection, Directory {

    /** Its tables, each with its primary key. */
    private static final RewriteCompared.Table[] TABLES = {
            new RewriteCompared.Table("signer_key", "key_id"),
            new RewriteCompared.Table("person_view", "person_id"),
            new RewriteCompared.Table("enterprise_view", "enterprise_id")};

    private final ConnectionProvider connections;

    public DirectoryView(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public void reset(Connection c) throws SQLException {
        RewriteCompared.delete(c, TABLES);
    }

    /** Written again whole by a replay, which reports the rows that differed from what this projection held. */
    @Override
    public Rebuild rebuild(Connection c) throws SQLException {
        return RewriteCompared.start(this, c, TABLES);
    }

    @Override
    public void apply(Connection c, RecordedEvent event) throws SQLException {
        if (event.payload() instanceof EnterpriseRegistered e) {
            Sql.update(c, "INSERT INTO enterprise_view (enterprise_id, name, sector, high_risk, first_index, size_class) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", e.enterpriseId(), e.name(), e.sector(), e.highRisk(), event.index(),
                    e.size() == null ? null : e.size().name());
        } else if (event.payload() instanceof PrincipalAppointed e) {
            Sql.update(c, "UPDATE enterprise_view SET principal_id = ? WHERE enterprise_id = ?", e.personId(), e.enterpriseId());
        } else if (event.payload() instanceof KeyRegistered e) {
            Sql.update(c, "INSERT INTO signer_key (key_id, person_id, algorithm, public_key, valid_from, registered_by) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", e.keyId(), e.personId(), e.algorithm(), e.publicKey(),
                    e.validFrom().toString(), e.registeredBy());
        } else if (event.payload() instanceof KeyRevoked e) {
            Sql.update(c, "UPDATE signer_key SET revoked_at = ?, revoke_reason = ?, revoked_index = ? WHERE key_id = ?",
                    e.effectiveAt().toString(), e.reason(), event.index(), e.keyId());
        } else if (event.payload() instanceof PersonRegistered e) {
            Sql.update(c, "INSERT INTO person_view (person_id, name, enterprise_id, roles) VALUES (?, ?, ?, ?)",
                    e.personId(), e.name(), e.enterpriseId(), String.join(",", e.roles().stream().map(Role::name).toList()));
        }
    }

    @Override
    public Optional<PersonRecord> person(String personId) {
        Map<String, PersonRecord> found = foundInThisUnitOfWork();
        PersonRecord known = found == null ? null : found.get(personId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<PersonRecord> read = Sql.query(connections,
                "SELECT person_id, name, enterprise_id, roles FROM person_view WHERE person_id = ?",
                DirectoryView::person, personId).stream().findFirst();
        if (found != null) {
            read.ifPresent(p -> found.put(personId, p));
        }
        return read;
    }

    private static final String FOUND = DirectoryView.class.getName() + ".peopleFound";

    /**
     * The people found so far in the current unit of work (its root's: a group commit's commands share one,
     * {@code GroupCommit}), or null outside one. A person's row is written once, when the person is registered, and
     * never changed (only a replay deletes and writes it again, the same), so a person found stays exactly so: the
     * handlers of a group's commands, which check the same reporters, owners and verifiers again and again, read each
     * once. A person not found is not kept (it may be registered meanwhile); nor are enterprises, whose principal
     * changes.
     */
    private static Map<String, PersonRecord> foundInThisUnitOfWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(FOUND, k -> new HashMap<>());
    }

    @Override
    public Optional<EnterpriseRecord> enterprise(String enterpriseId) {
        return Sql.query(connections, "SELECT enterprise_id, name, sector, high_risk, principal_id, size_class FROM enterprise_view "
                + "WHERE enterprise_id = ?", DirectoryView::enterprise, enterpriseId).stream().findFirst();
    }

    @Override
    public List<EnterpriseRecord> enterprises() {
        return Sql.query(connections, "SELECT enterprise_id, name, sector, high_risk, principal_id, size_class FROM enterprise_view "
                + "ORDER BY enterprise_id", DirectoryView::enterprise);
    }

    @Override
    public List<PersonRecord> people(String enterpriseId) {
        if (enterpriseId == null) {
            return Sql.query(connections, "SELECT person_id, name, enterprise_id, roles FROM person_view ORDER BY person_id",
                    DirectoryView::person);
        }
        return Sql.query(connections, "SELECT person_id, name, enterprise_id, roles FROM person_view "
                + "WHERE enterprise_id = ? ORDER BY person_id", DirectoryView::person, enterpriseId);
    }

    private static final String KEY_COLUMNS = "key_id, person_id, algorithm, public_key, valid_from, revoked_at, "
            + "revoke_reason, registered_by";

    @Override
    public Optional<KeyRecord> key(String keyId) {
        return Sql.query(connections, "SELECT " + KEY_COLUMNS + " FROM signer_key WHERE key_id = ?",
                DirectoryView::key, keyId).stream().findFirst();
    }

    @Override
    public List<KeyRecord> keys(String personId) {
        return Sql.query(connections, "SELECT " + KEY_COLUMNS + " FROM signer_key WHERE person_id = ? "
                + "ORDER BY valid_from, key_id", DirectoryView::key, personId);
    }

    private static KeyRecord key(ResultSet rs) throws SQLException {
        String revoked = rs.getString(6);
        return new KeyRecord(rs.getString(1), rs.getString(2), SignatureAlgorithm.valueOf(rs.getString(3)),
                rs.getString(4), Instant.parse(rs.getString(5)), revoked == null ? null : Instant.parse(revoked),
                rs.getString(7), rs.getString(8));
    }

    private static PersonRecord person(ResultSet rs) throws SQLException {
        List<Role> roles = Arrays.stream(rs.getString(4).split(",")).map(Role::valueOf).toList();
        return new PersonRecord(rs.getString(1), rs.getString(2), rs.getString(3), roles);
    }

    private static EnterpriseRecord enterprise(ResultSet rs) throws SQLException {
        String size = rs.getString(6);
        return new EnterpriseRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                size == null ? null : io.hazardledger.directory.EnterpriseSize.valueOf(size));
    }
}
