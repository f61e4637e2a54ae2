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
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

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

    private final ConnectionProvider connections;

    public DirectoryView(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public void reset(Connection c) throws SQLException {
        Sql.update(c, "DELETE FROM signer_key");
        Sql.update(c, "DELETE FROM person_view");
        Sql.update(c, "DELETE FROM enterprise_view");
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
        return Lookups.<PersonRecord>of(PEOPLE).get(personId, id -> Sql.query(connections,
                "SELECT person_id, name, enterprise_id, roles FROM person_view WHERE person_id = ?",
                DirectoryView::person, id).stream().findFirst());
    }

    @Override
    public Optional<EnterpriseRecord> enterprise(String enterpriseId) {
        return Lookups.<EnterpriseRecord>of(ENTERPRISES).get(enterpriseId, id -> Sql.query(connections,
                "SELECT enterprise_id, name, sector, high_risk, principal_id, size_class FROM enterprise_view "
                        + "WHERE enterprise_id = ?", DirectoryView::enterprise, id).stream().findFirst());
    }

    private static final String PEOPLE = DirectoryView.class.getName() + ".people";
    private static final String ENTERPRISES = DirectoryView.class.getName() + ".enterprises";

    /**
     * The people and enterprises a unit of work has looked up, kept until it starts to commit. Its commands' handlers
     * check the same few people again and again (a group commit's commands, {@code GroupCommit}, share one unit of
     * work), and nothing a unit of work does changes the directory tables before it commits: the projections write
     * them when it commits, when the kept lookups are dropped. (Another transaction may commit a change meanwhile:
     * read again, it could be seen or not, as any concurrent change; kept, it is not.) Outside a unit of work every
     * lookup reads the table.
     */
    private static final class Lookups<T> {
        private final Map<String, Optional<T>> kept;

        private Lookups(Map<String, Optional<T>> kept) {
            this.kept = kept;
        }

        static <T> Lookups<T> of(String name) {
            if (!CurrentUnitOfWork.isStarted()) {
                return new Lookups<>(null);
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.phase().isAfter(UnitOfWork.Phase.STARTED)) {
                return new Lookups<>(null);   // committing: the projections may have written the tables
            }
            return new Lookups<>(root.getOrComputeResource(name, k -> {
                Map<String, Optional<T>> map = new HashMap<>();
                root.onPrepareCommit(u -> map.clear());
                return map;
            }));
        }

        Optional<T> get(String id, java.util.function.Function<String, Optional<T>> read) {
            if (kept == null) {
                return read.apply(id);
            }
            Optional<T> known = kept.get(id);
            if (known == null) {
                known = read.apply(id);
                kept.put(id, known);
            }
            return known;
        }
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
