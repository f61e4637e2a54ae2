package io.hazardledger.inspection;

/** Who co-signs an inspection when the checklist asks. */
public enum CoSignerRole { EXPERT, ENTERPRISE_REPRESENTATIVE }
