package org.openucp.clinical.retention.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.retention.PatientDeath;
import org.openucp.clinical.retention.repository.PatientDeathRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * The person's death, recorded by their care team as part of the plan: the date and where they learnt it. The plan's
 * minimum retention then counts from the death (RetentionSchedule).
 */
@ApplicationScoped
public class DeathRecords {

  /** What the care team records. */
  public record Death(@NotNull LocalDate diedOn, @NotNull PatientDeath.Source source,
      @Size(max = 500) String sourceDetail) {
  }

  private final PatientDeathRepository deaths;
  private final PlanService plans;
  private final PlanVersionRepository versions;
  private final PlanContentCodec codec;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Validator validator;
  private final Clock clock;

  public DeathRecords(PatientDeathRepository deaths, PlanService plans, PlanVersionRepository versions,
      PlanContentCodec codec, AccessGuard access, AuditContext audit, Validator validator, Clock clock) {
    this.validator = validator;
    this.deaths = deaths;
    this.plans = plans;
    this.versions = versions;
    this.codec = codec;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Records the death, or corrects it: a correction must name the revision it replaces (If-Match), a first record
   * needs none. What was sent is checked once the caller is known to be allowed, and in the plan's care team: like
   * every operation on a plan, it tells no one else anything about it.
   */
  @WithTransaction
  public Uni<PatientDeath> record(NhsNumber patient, Death death, String ifMatch) {
    audit.patient(patient);
    return access.require(Permission.EDIT).chain(staff -> plans.inCareTeam(staff, patient).chain(plan -> {
      audit.plan(plan.id, null);
      if (death == null) {
        throw ProblemException.badRequest("missing-body", "Send the date of death and its source as JSON");
      }
      Set<ConstraintViolation<Death>> invalid = validator.validate(death);
      if (!invalid.isEmpty()) {
        throw new ConstraintViolationException(invalid);
      }
      LocalDate today = LocalDate.now(clock);
      if (death.diedOn().isAfter(today)) {
        throw RetentionProblems.unprocessable("diedOn", "cannot be in the future");
      }
      if (death.source() == PatientDeath.Source.OTHER
          && (death.sourceDetail() == null || death.sourceDetail().isBlank())) {
        throw RetentionProblems.unprocessable("sourceDetail", "say where the death was learnt of when the source is OTHER");
      }
      return dateOfBirth(plan).chain(dateOfBirth -> {
        if (dateOfBirth != null && death.diedOn().isBefore(dateOfBirth)) {
          throw RetentionProblems.unprocessable("diedOn", "cannot be before the date of birth, " + dateOfBirth);
        }
        return deaths.findById(plan.nhsNumber);
      }).chain(found -> {
        PatientDeath recorded = found;
        if (found == null) {
          recorded = new PatientDeath();
          recorded.nhsNumber = plan.nhsNumber;
          recorded.planId = plan.id;
        } else {
          Versions.check(Versions.required(ifMatch), found.revision);
        }
        recorded.diedOn = death.diedOn();
        recorded.source = death.source();
        recorded.sourceDetail = death.sourceDetail();
        recorded.recordedAt = clock.instant();
        recorded.recordedBy = staff.id();
        recorded.recordedByName = staff.name();
        recorded.organisation = staff.organisation().value();
        return deaths.persistAndFlush(recorded);
      });
    }));
  }

  @WithSession
  public Uni<PatientDeath> get(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_DRAFT).chain(staff -> plans.inCareTeam(staff, patient))
        .invoke(plan -> audit.plan(plan.id, null))
        .chain(plan -> deaths.findById(plan.nhsNumber))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("A recorded death for this patient"));
  }

  /** Removes a death recorded in error (the wrong patient, say): the plan's retention counts from last seen again. */
  @WithTransaction
  public Uni<Void> retract(NhsNumber patient, String ifMatch) {
    audit.patient(patient);
    long expected = Versions.required(ifMatch);
    return access.require(Permission.EDIT).chain(staff -> plans.inCareTeam(staff, patient))
        .invoke(plan -> audit.plan(plan.id, null))
        .chain(plan -> deaths.findById(plan.nhsNumber))
        .onItem().ifNull().failWith(() -> ProblemException.notFound("A recorded death for this patient"))
        .chain(found -> {
          Versions.check(expected, found.revision);
          return deaths.delete("nhsNumber = ?1 and revision = ?2", found.nhsNumber, found.revision)
              .invoke(Versions::checkDeleted).replaceWithVoid();
        });
  }

  private Uni<LocalDate> dateOfBirth(CarePlan plan) {
    if (plan.hasDraft()) {
      return Uni.createFrom().item(dateOfBirth(codec.read(plan.draftContent)));
    }
    if (!plan.isPublished()) {
      return Uni.createFrom().nullItem();
    }
    return versions.findVersion(plan.id, plan.latestVersion).map(found -> dateOfBirth(codec.read(found.content)));
  }

  private static LocalDate dateOfBirth(PlanContent content) {
    return content.person() == null ? null : content.person().dateOfBirth();
  }
}
