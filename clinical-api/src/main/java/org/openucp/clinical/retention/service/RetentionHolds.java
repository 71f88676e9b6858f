package org.openucp.clinical.retention.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.retention.RetentionHold;
import org.openucp.clinical.retention.repository.RetentionHoldRepository;
import org.openucp.clinical.retention.repository.RetentionHoldRepository.HeldRecord;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * Legal and serious-incident holds on a patient's records, or on one record (a complaint, a breach-register incident,
 * a plan), placed and lifted by information governance.
 */
@ApplicationScoped
public class RetentionHolds {

  /** What placing a hold needs: the patient whose records, or the one record, it holds. */
  public record NewHold(NhsNumber patient, UUID recordId, RetentionHold.Kind kind, String reason, String reference,
      LocalDate untilOn) {
  }

  private final RetentionHoldRepository holds;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public RetentionHolds(RetentionHoldRepository holds, AccessGuard access, AuditContext audit, Clock clock) {
    this.holds = holds;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<RetentionHold> place(NewHold hold) {
    if (hold.patient() != null) {
      audit.patient(hold.patient());
    }
    audit.reason(hold.reason());
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> {
      if ((hold.patient() == null) == (hold.recordId() == null)) {
        throw RetentionProblems.unprocessable(List.of("nhsNumber", "recordId"), "give either nhsNumber (every "
            + "record of the patient's) or recordId (one complaint, breach-register incident or plan)");
      }
      if (hold.untilOn() != null && hold.untilOn().isBefore(LocalDate.now(clock))) {
        throw RetentionProblems.unprocessable("untilOn", "a hold cannot end before today");
      }
      RetentionHold placed = new RetentionHold();
      placed.id = UUID.randomUUID();
      placed.nhsNumber = hold.patient() == null ? null : hold.patient().value();
      placed.recordId = hold.recordId();
      placed.kind = hold.kind();
      placed.reason = hold.reason();
      placed.reference = hold.reference();
      placed.untilOn = hold.untilOn();
      placed.placedAt = clock.instant();
      placed.placedBy = staff.id();
      placed.placedByName = staff.name();
      return heldRecord(hold.recordId()).chain(record -> {
        placed.recordKind = record == null ? null : record.kind();
        return holds.persistAndFlush(placed);
      });
    });
  }

  /** The one record a hold names, which must be held; null for a hold on a patient's records. */
  private Uni<HeldRecord> heldRecord(UUID recordId) {
    if (recordId == null) {
      return Uni.createFrom().nullItem();
    }
    return holds.record(recordId).map(found -> {
      if (found == null) {
        throw RetentionProblems.unprocessable("recordId", "no complaint, breach-register incident or plan with this "
            + "id is held");
      }
      if (found.nhsNumber() != null) {
        audit.patient(NhsNumber.of(found.nhsNumber()));
      }
      return found;
    });
  }

  @WithSession
  public Uni<List<RetentionHold>> list(boolean includeLifted) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> holds.listed(includeLifted))
        .invoke(found -> audit.revealed(found.stream().filter(hold -> hold.nhsNumber != null)
            .map(hold -> NhsNumber.of(hold.nhsNumber)).toList()));
  }

  @WithSession
  public Uni<RetentionHold> get(UUID id) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id));
  }

  @WithTransaction
  public Uni<RetentionHold> lift(UUID id, long expectedRevision, String reason) {
    audit.reason(reason);
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> existing(id).map(hold -> {
      Versions.check(expectedRevision, hold.revision);
      if (hold.liftedAt != null) {
        throw ProblemException.conflict("hold-lifted", "Already lifted",
            "This hold was lifted at " + hold.liftedAt);
      }
      hold.liftedAt = clock.instant();
      hold.liftedBy = staff.id();
      hold.liftReason = reason;
      return hold;
    }));
  }

  private Uni<RetentionHold> existing(UUID id) {
    return holds.findById(id).map(hold -> {
      if (hold == null) {
        throw ProblemException.notFound("A hold with this id");
      }
      if (hold.nhsNumber != null) {
        audit.patient(NhsNumber.of(hold.nhsNumber));
      }
      return hold;
    });
  }
}
