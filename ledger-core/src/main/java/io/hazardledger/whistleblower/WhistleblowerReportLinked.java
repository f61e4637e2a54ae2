package io.hazardledger.whistleblower;

/** A park-office person found the report substantiated by a hazard of the same enterprise (查实), and signed it. */
public record WhistleblowerReportLinked(String reportId, String hazardId, String linkedBy) {
}
