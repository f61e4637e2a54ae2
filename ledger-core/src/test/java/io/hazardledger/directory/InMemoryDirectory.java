package io.hazardledger.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A directory held in two maps, for aggregate tests: the aggregates only ask whether a person or an
 * enterprise exists (and which enterprise a person belongs to), so no projection or database is needed.
 */
public final class InMemoryDirectory implements Directory {

    private final Map<String, EnterpriseRecord> enterprises = new LinkedHashMap<>();
    private final Map<String, PersonRecord> people = new LinkedHashMap<>();

    public InMemoryDirectory withEnterprise(String enterpriseId) {
        enterprises.put(enterpriseId, new EnterpriseRecord(enterpriseId, "Enterprise " + enterpriseId,
                "hazardous chemicals", true, null));
        return this;
    }

    public InMemoryDirectory withEnterpriseRecord(EnterpriseRecord enterprise) {
        enterprises.put(enterprise.enterpriseId(), enterprise);
        return this;
    }

    /** Adds a person; {@code enterpriseIdOrNull} is null for park staff and hired experts. */
    public InMemoryDirectory withPerson(String personId, String enterpriseIdOrNull, Role... roles) {
        people.put(personId, new PersonRecord(personId, "Person " + personId, enterpriseIdOrNull,
                List.copyOf(new TreeSet<>(Set.of(roles)))));
        return this;
    }

    @Override
    public Optional<PersonRecord> person(String personId) {
        return Optional.ofNullable(people.get(personId));
    }

    @Override
    public Optional<EnterpriseRecord> enterprise(String enterpriseId) {
        return Optional.ofNullable(enterprises.get(enterpriseId));
    }

    @Override
    public List<EnterpriseRecord> enterprises() {
        return List.copyOf(enterprises.values());
    }

    @Override
    public List<PersonRecord> people(String enterpriseIdOrNull) {
        List<PersonRecord> found = new ArrayList<>();
        for (PersonRecord p : people.values()) {
            if (enterpriseIdOrNull == null || Objects.equals(enterpriseIdOrNull, p.enterpriseId())) {
                found.add(p);
            }
        }
        return List.copyOf(found);
    }

    private final Map<String, KeyRecord> keys = new java.util.LinkedHashMap<>();

    public InMemoryDirectory withKey(KeyRecord key) {
        keys.put(key.keyId(), key);
        return this;
    }

    @Override
    public Optional<KeyRecord> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public List<KeyRecord> keys(String personId) {
        return keys.values().stream().filter(k -> k.personId().equals(personId)).toList();
    }
}
