package io.hazardledger.directory;

import java.util.List;
import java.util.Optional;

/** Looks up people and enterprises. Aggregates use it to check references; the API to list them. */
public interface Directory {

    Optional<PersonRecord> person(String personId);

    Optional<EnterpriseRecord> enterprise(String enterpriseId);

    List<EnterpriseRecord> enterprises();

    List<PersonRecord> people(String enterpriseIdOrNull);

    /** A registered key by its ID. */
    Optional<KeyRecord> key(String keyId);

    /** Every key a person has registered, oldest first. */
    List<KeyRecord> keys(String personId);
}
