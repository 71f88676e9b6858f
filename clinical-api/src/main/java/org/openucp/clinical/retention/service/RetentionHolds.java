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
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/** Legal and serious-incident holds on a patient's records, placed and lifted by information governance. */
@ApplicationScoped
public class RetentionHolds {

  /** What placing a hold needs. */
  public record NewHold(NhsNumber patient, RetentionHold.Kind kind, String reason, String reference,
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
    audit.patient(hold.patient());
    audit.reason(hold.reason());
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> {
      if (hold.untilOn() != null && hold.untilOn().isBefore(LocalDate.now(clock))) {
        throw RetentionProblems.unprocessable("untilOn", "a hold cannot end before today");
      }
      RetentionHold placed = new RetentionHold();
      placed.id = UUID.randomUUID();
      placed.nhsNumber = hold.patient().value();
      placed.kind = hold.kind();
      placed.reason = hold.reason();
      placed.reference = hold.reference();
      placed.untilOn = hold.untilOn();
      placed.placedAt = clock.instant();
      placed.placedBy = staff.id();
      placed.placedByName = staff.name();
      return holds.persistAndFlush(placed);
    });
  }

  @WithSession
  public Uni<List<RetentionHold>> list(boolean includeLifted) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> holds.listed(includeLifted))
        .invoke(found -> audit.revealed(found.stream().map(hold -> NhsNumber.of(hold.nhsNumber)).toList()));
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
      audit.patient(NhsNumber.of(hold.nhsNumber));
      return hold;
    });
  }
}
