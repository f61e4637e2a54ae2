package io.hazardledger.whistleblower;

import io.hazardledger.Receipt;

/**
 * A filed report: its id, the entry it became, and for a reporter who gave an identity the commitment stored with it
 * and the receipt code (the salt of the sealed plaintext, given to the reporter only and stored nowhere in the
 * clear) with which they can later show that the commitment is theirs; both null for an anonymous report.
 */
public record FiledReport(String reportId, Receipt receipt, String commitment, String receiptCode) {

    @Override
    public String toString() {
        return "FiledReport[" + reportId + ", index " + receipt.index() + "]";
    }
}
