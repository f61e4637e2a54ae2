package io.hazardledger.directory;

/** What a person does in the park. */
public enum Role {
    ENTERPRISE_STAFF, INSPECTOR, VERIFIER, PARK_OFFICE, AUDITOR, REGISTRAR, ADMIN
}
