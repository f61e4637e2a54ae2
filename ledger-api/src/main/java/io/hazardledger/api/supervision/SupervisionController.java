package io.hazardledger.api.supervision;

import io.hazardledger.Ledger;
import io.hazardledger.api.access.Access;
import io.hazardledger.supervision.CadenceStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What the park office supervises: the cadences each enterprise must keep. */
@RestController
@RequestMapping("/api/v1/supervision")
@Tag(name = "Supervision", description = "Cadences of leader-led inspections and evacuation drills")
public class SupervisionController {

    private final Ledger ledger;
    private final Access access;

    public SupervisionController(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    @GetMapping("/cadences")
    @Operation(summary = "Each enterprise against each cadence today: a leader-led inspection at least quarterly "
            + "(monthly in a high-risk sector), an evacuation drill yearly (half-yearly): the latest one with its entry, "
            + "the last day the next was due, and whether (and since when) it is behind; behind=true for those behind")
    public List<CadenceStatus> cadences(@RequestParam(required = false) Boolean behind) {
        return access.visible(ledger.cadences().today(), CadenceStatus::enterpriseId).stream()
                .filter(s -> behind == null || s.behind() == behind).toList();
    }
}
