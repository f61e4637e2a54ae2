package io.hazardledger.integrity.tsa;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified timestamp token asserts, taken from its {@code TSTInfo} (RFC 3161 §2.4.2).
 *
 * @param genTime      when the TSA says it saw the digest ({@code genTime}; UTC, at most millisecond precision)
 * @param serialNumber the token's serial number as lower-case hexadecimal without leading zeros; unique per TSA,
 *                     so together with the TSA it names the token
 * @param policyOid    the TSA policy the token was issued under, dotted decimal
 * @param tsaName      the optional {@code tsa} field: a directory name as an X.500 string
 *                     ({@code CN=...,O=...}), any other name as {@code tag: value}; {@code null} when absent.
 *                     Informational only: trust comes from the certificate the token was verified against.
 */
public record TimestampInfo(Instant genTime, String serialNumber, String policyOid, String tsaName) {

    public TimestampInfo {
        Objects.requireNonNull(genTime, "genTime");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(policyOid, "policyOid");
    }
}
