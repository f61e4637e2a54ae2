package io.hazardledger.dossier;

import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.HazardSummary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything an accident investigation asks about one hazard, as the ledger stood at a position, with every entry
 * it cites and that entry's inclusion proof in a signed checkpoint (docs/FORMAT.md section 16). Every claim names
 * the entries (index and entry hash) it rests on.
 *
 * @param format                   always {@link #FORMAT}
 * @param hazardId                 the hazard
 * @param atSize                   the ledger position: the dossier is made from the first {@code atSize} entries
 * @param moment                   the time at which stages still open are measured and deadlines judged
 * @param zone                     the park's time zone (an IANA id), in which a due date ends at midnight
 * @param hazard                   the register row as of that position
 * @param enterpriseName           the enterprise's name, or null when unknown
 * @param timeline                 every entry of the hazard, in ledger order, with who did and who signed it
 * @param stages                   how long the hazard stayed in each status, in order
 * @param deadlines                every due date set (plans and extensions) and whether it was met
 * @param escalations              the escalation steps taken (the timeline's {@code HazardEscalated} entries)
 * @param inspectionsWithoutAction inspections of its enterprise signed off while it was open that did not act on it
 * @param flags                    the integrity flags about the hazard or citing its entries
 * @param responsibilities         who was responsible for it, and from when to when
 * @param proofs                   every cited entry, with its inclusion proof in {@code proofs.checkpoint}
 */
public record HazardDossier(String format, String hazardId, long atSize, Instant moment, String zone,
                            HazardSummary hazard,
                            String enterpriseName, List<TimelineEvent> timeline, List<Stage> stages,
                            List<Deadline> deadlines, List<Escalation> escalations,
                            List<QuietInspection> inspectionsWithoutAction, List<IntegrityFlag> flags,
                            List<Responsibility> responsibilities, Proofs proofs) {

    public static final String FORMAT = "hazard-ledger-dossier/1";

    /**
     * One entry of the hazard. {@code actorId} is the person the event names as acting; {@code signerId},
     * {@code keyId}, {@code claimedAt}, {@code mode} and {@code signatureStatus} describe the signed statement stored
     * with it ({@code unsigned} when there is none), judged as of the dossier's position: {@code mode} says who made
     * the signature ({@code personal}: the signer, with a key only they hold; {@code office-server} or
     * {@code demo-server}: a server, with a key it holds in the person's name), so that a reader does not take a
     * server's signature for a person's.
     */
    public record TimelineEvent(long index, String entryHash, String eventType, Instant recordedAt,
                                HazardStatus statusAfter, String actorId, String actorName, String detail,
                                String signerId, String keyId, String claimedAt, String mode, String signatureStatus) {
    }

    /** A stretch in one status, from the entry that began it to the one that ended it (null while ongoing). */
    public record Stage(HazardStatus status, long fromIndex, Instant from, Long toIndex, Instant to, long seconds) {
    }

    /**
     * A due date and what became of it: {@code kind} {@code planned} or {@code extended} (then with the previous due
     * date, the reason and the approver as {@code setBy}); {@code outcome} {@code met} (a rectification submitted by
     * the end of the due date passed verification: {@code outcomeIndex} is that verification), {@code missed} (the
     * due date ended first; {@code outcomeIndex} null), {@code replaced} (an extension, a new plan or a reopening
     * replaced it before its end: {@code outcomeIndex} is that entry) or {@code pending}.
     */
    public record Deadline(LocalDate dueDate, String kind, long setIndex, String setEntryHash, String setBy,
                           LocalDate previousDueDate, String reason, String outcome, Long outcomeIndex) {
    }

    /** An escalation step (notice letter, circular, summons, public exposure) with its entry. */
    public record Escalation(String step, long index, String entryHash, Instant at, String by) {
    }

    /**
     * An inspection of the hazard's enterprise signed off while the hazard was open (reported and not closed out)
     * that raised nothing about it; {@code passedSameCriterion} lists the items citing the hazard's own criterion
     * that it recorded as passed.
     */
    public record QuietInspection(String inspectionId, String checklist, String inspectorId, boolean leaderLed,
                                  long signOffIndex, String signOffEntryHash, Instant signedOffAt,
                                  List<String> passedSameCriterion) {
    }

    /** A role held for the hazard: {@code reporter}, {@code owner} or {@code principal}; {@code toIndex} null while held. */
    public record Responsibility(String role, String personId, String name, long fromIndex, Instant from,
                                 Long toIndex, Instant to) {
    }

    /**
     * The signed checkpoint (a C2SP signed note, null when the ledger signs none) and every entry the dossier cites,
     * each with its exact bytes and inclusion proof in the checkpoint's tree.
     */
    public record Proofs(String checkpoint, long treeSize, List<ProvenEntry> entries) {
    }

    /** An entry: {@code entry} is its exact bytes as text, {@code inclusionProof} base64 hashes (RFC 9162). */
    public record ProvenEntry(long index, String entryHash, String entry, List<String> inclusionProof) {
    }
}
