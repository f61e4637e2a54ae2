package io.hazardledger.inspection;

import io.hazardledger.InvalidInputException;
import io.hazardledger.internal.Checks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts a checklist inspection of an enterprise. {@code leaderId}: who led it (null when nobody did); when that is
 * the enterprise's principal responsible person the inspection is leader-led. {@code coSigners}: who must co-sign.
 */
public record StartInspection(String inspectionId, String enterpriseId, String checklist, String inspectorId,
                              String leaderId, List<CoSigner> coSigners, List<ChecklistItem> items) {
    public StartInspection {
        Checks.id("inspectionId", inspectionId);
        Checks.id("enterpriseId", enterpriseId);
        Checks.text("checklist", checklist, 200);
        Checks.id("inspectorId", inspectorId);
        if (leaderId != null) {
            Checks.id("leaderId", leaderId);
        }
        coSigners = List.copyOf(Checks.maxSize("coSigners", coSigners == null ? List.of() : coSigners, 10));
        items = List.copyOf(Checks.maxSize("items", Checks.required("items", items), 500));
        if (items.isEmpty()) {
            throw new InvalidInputException("items", "a checklist has at least one item");
        }
        Set<String> coSigning = new HashSet<>();
        for (CoSigner c : coSigners) {
            if (!coSigning.add(c.personId())) {
                throw new InvalidInputException("coSigners.personId", c.personId() + " appears twice");
            }
        }
        Set<String> numbers = new HashSet<>();
        for (ChecklistItem item : items) {
            if (!numbers.add(item.itemNo())) {
                throw new InvalidInputException("items.itemNo", "item " + item.itemNo() + " appears twice");
            }
        }
    }
}
