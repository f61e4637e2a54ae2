package io.hazardledger.api.flags;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.api.support.WriteResponse;
import io.hazardledger.flags.AcknowledgeFlag;
import io.hazardledger.flags.FlagParameters;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.FlagRule;
import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.flags.Severity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Integrity flags: signals of fake or paper rectification, each citing the ledger entries behind it. */
@RestController
@RequestMapping("/api/v1/flags")
@Tag(name = "Flags", description = "Signals of fake or paper rectification, with the entries that support them")
public class FlagController {

    /** A rule as the API describes it. */
    record Rule(String code, int version, Severity severity) {
    }

    record Rules(List<Rule> rules, FlagParameters parameters) {
    }

    /** The body of an acknowledgement: why, who (of the park office), and their signed statement. */
    public record Acknowledgement(String reason, String acknowledgedBy, SignatureBody signature) {
        public AcknowledgeFlag toCommand(String flagId) {
            return new AcknowledgeFlag(flagId, reason, acknowledgedBy);
        }
    }

    private final Ledger ledger;
    private final io.hazardledger.api.access.Access access;

    public FlagController(Ledger ledger, io.hazardledger.api.access.Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "Flags, filtered by enterprise, hazard, person, rule and the period they were raised in;"
            + " atIndex (a ledger size) or asOf (a time) answers as the ledger stood then")
    public List<IntegrityFlag> find(@RequestParam(required = false) String enterpriseId,
                                    @RequestParam(required = false) String hazardId,
                                    @RequestParam(required = false) String personId,
                                    @RequestParam(required = false) String rule,
                                    @RequestParam(required = false) Instant from,
                                    @RequestParam(required = false) Instant to,
                                    @RequestParam(required = false) Long atIndex,
                                    @RequestParam(required = false) Instant asOf,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) Integer offset) {
        FlagRule r = null;
        if (rule != null) {
            try {
                r = FlagRule.ofCode(rule);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("rule", e.getMessage() + "; the rules are "
                        + Arrays.stream(FlagRule.values()).map(FlagRule::code).toList());
            }
        }
        access.filters(enterpriseId, hazardId, personId,
                atIndex == null && asOf == null ? null : ledger.position(atIndex, asOf));
        return ledger.flags().find(new FlagQuery(enterpriseId, hazardId, personId, r, from, to, atIndex, asOf, limit,
                offset));
    }

    @GetMapping("/{flagId}")
    @Operation(summary = "One flag as the ledger stands now, with its acknowledgement if it has one; with atIndex (a "
            + "ledger size) or asOf (a time), as the ledger stood then (404 before the entry that raised it, and "
            + "without an acknowledgement recorded later)")
    public IntegrityFlag get(@PathVariable String flagId, @RequestParam(required = false) Long atIndex,
                             @RequestParam(required = false) Instant asOf) {
        IntegrityFlag flag = ledger.flags().get(flagId)
                .orElseThrow(() -> new NotFoundException("no flag with id '" + flagId + "'"));
        if (atIndex == null && asOf == null) {
            return flag;
        }
        // a flag is never changed nor deleted (FLAGS.md): as of a position it is there from the entry that raised
        // it, and its acknowledgement from that one's entry
        io.hazardledger.LedgerPosition at = ledger.position(atIndex, asOf);
        if (flag.raisedAtIndex() >= at.size()) {
            throw new NotFoundException("no flag with id '" + flagId + "' among the ledger's first " + at.size()
                    + " entries");
        }
        return flag.acknowledgement() != null && flag.acknowledgement().index() >= at.size()
                ? flag.acknowledged(null) : flag;
    }

    @PostMapping("/{flagId}/acknowledgements")
    @Operation(summary = "Acknowledge a flag with a reason (park office only, once per flag; signed act "
            + "flag.acknowledge); the flag stays and is listed with its acknowledgement")
    public WriteResponse acknowledge(@PathVariable String flagId, @RequestBody Acknowledgement body) {
        access.actsAs("acknowledgedBy", body.acknowledgedBy());
        access.flagToWrite(flagId);
        access.signs(body.signature());
        return WriteResponse.of(flagId, ledger.execute(body.toCommand(flagId), SignatureBody.toSigned(body.signature()),
                access.callerId()));
    }

    @GetMapping("/rules")
    @Operation(summary = "The flag rules (code, version, severity) and the parameters they run with")
    public Rules rules() {
        return new Rules(Arrays.stream(FlagRule.values()).map(r -> new Rule(r.code(), r.version(), r.severity())).toList(),
                ledger.flags().parameters());
    }
}
