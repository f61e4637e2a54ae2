package io.hazardledger.hazard;

/** Where a hazard came from: 企业自查 / 督导检查 / 群众举报查实 / 吹哨人. */
public enum HazardSource { SELF_INSPECTION, SUPERVISORY_INSPECTION, PUBLIC_REPORT, WHISTLEBLOWER }
