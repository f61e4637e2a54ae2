package io.hazardledger.inspection;

/** The result of one checklist item. */
public enum ItemResult { PASS, FAIL, NOT_APPLICABLE }
