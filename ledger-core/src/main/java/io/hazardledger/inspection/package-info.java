/**
 * Checklist inspections (清单化检查): items with criterion references and results, signed off by the inspector,
 * co-signed where the checklist asks (an expert, the enterprise's representative). A failing item must raise a
 * hazard linked to the inspection and item before sign-off. An inspection led by the enterprise's principal
 * responsible person is marked leader-led (带队检查).
 */
package io.hazardledger.inspection;
