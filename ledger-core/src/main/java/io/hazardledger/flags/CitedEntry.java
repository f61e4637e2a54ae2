package io.hazardledger.flags;

import java.util.Objects;

/**
 * A ledger entry that supports a flag: its index, its entry hash (so that an inclusion proof can be asked for it),
 * and what it shows in the flag ({@code report}, {@code plan}, {@code submission}, {@code verification},
 * {@code close-out}, {@code extension}, {@code revocation}, {@code signed-act}).
 */
public record CitedEntry(long index, String entryHash, String role) {
    public CitedEntry {
        Objects.requireNonNull(entryHash, "entryHash");
        Objects.requireNonNull(role, "role");
    }
}
