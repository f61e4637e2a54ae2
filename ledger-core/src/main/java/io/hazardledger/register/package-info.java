/**
 * The hazard register (隐患清单/台账): every hazard of the park with its current status, filterable by
 * enterprise, level, status, source and overdue; open major hazards per enterprise (动态清零); and each hazard's
 * history with the ledger index and entry hash of every event.
 */
package io.hazardledger.register;
