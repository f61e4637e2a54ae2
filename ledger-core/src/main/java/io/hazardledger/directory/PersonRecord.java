package io.hazardledger.directory;

import java.util.List;

/** A person as the directory knows them now. */
public record PersonRecord(String personId, String name, String enterpriseId, List<Role> roles) {
}
