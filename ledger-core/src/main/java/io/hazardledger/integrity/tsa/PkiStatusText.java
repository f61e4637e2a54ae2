package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Human-readable {@code PKIStatusInfo} (RFC 3161 §2.4.2): the status name and the failure-info bit names, so that a
 * refusal reads "rejection [badAlg]" rather than "2 / 128".
 */
final class PkiStatusText {

    private static final String[] STATUS_NAMES = {
        "granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"
    };

    /** The failure-info bits RFC 3161 §2.4.2 defines, as BouncyCastle numbers them. */
    private static final int[] FAILURE_BITS = {
        PKIFailureInfo.badAlg, PKIFailureInfo.badRequest, PKIFailureInfo.badDataFormat,
        PKIFailureInfo.timeNotAvailable, PKIFailureInfo.unacceptedPolicy, PKIFailureInfo.unacceptedExtension,
        PKIFailureInfo.addInfoNotAvailable, PKIFailureInfo.systemFailure
    };
    private static final String[] FAILURE_NAMES = {
        "badAlg", "badRequest", "badDataFormat", "timeNotAvailable", "unacceptedPolicy", "unacceptedExtension",
        "addInfoNotAvailable", "systemFailure"
    };

    private PkiStatusText() {
    }

    /** {@code "rejection (2)"}; an unknown value as {@code "unknown status (7)"}. */
    static String status(int status) {
        String name = status >= 0 && status < STATUS_NAMES.length ? STATUS_NAMES[status] : "unknown status";
        return name + " (" + status + ")";
    }

    /** {@code "[badAlg, systemFailure]"}, with any bit RFC 3161 does not define as its raw value; "none" if absent. */
    static String failureInfo(PKIFailureInfo info) {
        if (info == null) {
            return "none";
        }
        int rest = info.intValue();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FAILURE_BITS.length; i++) {
            if ((rest & FAILURE_BITS[i]) != 0) {
                names.add(FAILURE_NAMES[i]);
                rest &= ~FAILURE_BITS[i];
            }
        }
        if (rest != 0) {
            names.add("other bits 0x" + Integer.toHexString(rest));
        }
        return names.isEmpty() ? "none" : names.toString();
    }
}
