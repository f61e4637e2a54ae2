package io.hazardledger.register;

/** Dynamic zeroing (动态清零): how many major hazards an enterprise has open, zero included. */
public record OpenMajorHazards(String enterpriseId, String enterpriseName, long open, long overdue) {
}
