package io.hazardledger.hazard;

/** 一般 / 重大事故隐患. */
public enum HazardLevel { GENERAL, MAJOR }
