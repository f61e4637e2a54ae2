package io.hazardledger.directory;

/**
 * An enterprise's size class as the national statistics classify enterprises (统计上大中小微型企业划分办法):
 * large (大型), medium (中型), small (小型), micro (微型). The thresholds (staff, revenue) depend on the industry and
 * are applied by whoever registers the enterprise; the ledger records the class it is given.
 */
public enum EnterpriseSize {
    MICRO, SMALL, MEDIUM, LARGE
}
