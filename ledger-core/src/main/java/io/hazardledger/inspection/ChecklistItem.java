package io.hazardledger.inspection;

import io.hazardledger.internal.Checks;

/** One item of a checklist: its number, the criterion it checks, and what to check. */
public record ChecklistItem(String itemNo, String criterionRef, String description) {
    public ChecklistItem {
        Checks.id("items.itemNo", itemNo);
        Checks.optionalText("items.criterionRef", criterionRef, 200);
        Checks.text("items.description", description, 2000);
    }
}
