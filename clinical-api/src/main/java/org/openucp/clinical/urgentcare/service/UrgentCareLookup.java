package org.openucp.clinical.urgentcare.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.plan.repository.PatientCommentRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.rights.repository.RestrictionRepository;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.clinical.urgentcare.repository.AuditedLookups;
import org.openucp.clinical.urgentcare.repository.PublishedPlanRepository;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.Postcode;
import org.openucp.web.problem.DatabaseUnavailable;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.time.WallClock;

/**
 * Finds a published plan in a crisis: by NHS number, or by family name, date of birth and postcode when the number
 * is not known. Never returns a draft, and never guesses between several people.
 */
@ApplicationScoped
public class UrgentCareLookup {

  /** The audited action of a lookup by NHS number. */
  public static final String BY_NUMBER = "lookup.by-number";
  private static final int OK = 200;
  /** How a lookup that could not look ends its 503: an outage must never read as "no plan". */
  private static final String NOT_AN_ANSWER = " This is not an answer that there is no plan: try again in a few "
      + "seconds, and meanwhile follow your organisation's procedure for when plans cannot be seen.";

  private final PublishedPlanRepository published;
  private final AuditedLookups lookups;
  private final PlanVersionRepository versions;
  private final CrisisViews views;
  private final AccessGuard access;
  private final AuditContext audit;
  private final RestrictionRepository restrictions;
  private final PatientCommentRepository comments;
  private final Clock clock;
  private final Clock auditClock;
  private final LookupTimers timers;

  public UrgentCareLookup(PublishedPlanRepository published, AuditedLookups lookups, PlanVersionRepository versions,
      CrisisViews views, AccessGuard access, AuditContext audit, RestrictionRepository restrictions,
      PatientCommentRepository comments, Clock clock, @WallClock Clock auditClock, MeterRegistry registry) {
    this.published = published;
    this.lookups = lookups;
    this.versions = versions;
    this.views = views;
    this.access = access;
    this.audit = audit;
    this.restrictions = restrictions;
    this.comments = comments;
    this.clock = clock;
    this.auditClock = auditClock;
    this.timers = new LookupTimers(registry);
  }

  /** The outcome of a search by demographics: one person's crisis view as JSON, or the people to choose between. */
  public record Search(String match, List<PublishedPlan> candidates) {
  }

  /**
   * The crisis view of the published plan for an NHS number, as JSON. Finding it and recording the access are one
   * statement, so the lookup costs one round trip and the plan never leaves without its audit event committed. The
   * view was rendered when the version was published; one not rendered yet in the current format is rendered here.
   */
  public Uni<String> crisisView(NhsNumber patient, String statedReason) {
    audit.patient(patient);
    audit.reason(statedReason);
    long started = System.nanoTime();
    return access.require(Permission.VIEW_PUBLISHED)
        .chain(staff -> lookups.find(patient,
            AuditEvent.of(BY_NUMBER, OK, auditClock.instant(), staff, audit, null, null)))
        .chain(entry -> {
          if (entry == null) {
            return notFound(patient);
          }
          audit.plan(entry.planId, entry.version);
          audit.recorded(OK);
          return crisisViewOf(entry);
        })
        .onFailure(DatabaseUnavailable::causedBy).transform(outage -> DatabaseUnavailable.problem(outage,
            "The service cannot confirm whether this NHS number has a published plan: its database cannot be "
                + "reached just now." + NOT_AN_ANSWER))
        .onItemOrFailure().invoke((view, failure) -> timers.record(started, failure));
  }

  /**
   * A 404 as for anyone without a shared plan, also when the patient restricted the use of theirs; the audit event
   * says which.
   */
  private Uni<String> notFound(NhsNumber patient) {
    return Panache.withSession(() -> restrictions.isRestricted(patient.value())).map(restricted -> {
      if (restricted) {
        audit.restricted();
      }
      throw ProblemException.notFound("A published plan for this NHS number");
    });
  }

  /** One person's crisis view, or the people to choose between; a 404 when nobody with a published plan matches. */
  public Uni<Search> byDemographics(String familyName, LocalDate dateOfBirth, Postcode postcode) {
    // The session is opened here, inside the chain, so that failing to open it is an outage like any other.
    return Panache.withSession(() -> access.require(Permission.VIEW_PUBLISHED)
        .chain(staff -> published.findByDemographics(familyName, dateOfBirth,
            postcode == null ? null : postcode.compact()))
        .chain(matches -> {
          if (matches.isEmpty()) {
            throw ProblemException.notFound("A published plan for this name, date of birth and postcode");
          }
          if (matches.size() > 1) {
            audit.revealed(matches.stream().map(match -> NhsNumber.of(match.nhsNumber)).toList());
            return Uni.createFrom().item(new Search(null, matches));
          }
          PublishedPlan match = matches.get(0);
          audit.patient(NhsNumber.of(match.nhsNumber));
          audit.plan(match.planId, match.version);
          return crisisViewOf(match).map(view -> new Search(view, List.of()));
        }))
        .onFailure(DatabaseUnavailable::causedBy).transform(outage -> DatabaseUnavailable.problem(outage,
            "The service cannot confirm whether anyone with these details has a published plan: its database "
                + "cannot be reached just now." + NOT_AN_ANSWER));
  }

  /** The entry's crisis view as it stands today: as stored, or rendered now when none is stored in this format. */
  private Uni<String> crisisViewOf(PublishedPlan entry) {
    LocalDate today = LocalDate.now(clock);
    if (CrisisViews.isCurrent(entry)) {
      return Uni.createFrom().item(CrisisViews.asOf(entry.crisisView, entry.plannedReviewDate, entry.cprReviewDate,
          today));
    }
    return Panache.withSession(() -> versions.findVersion(entry.planId, entry.version)
        .chain(version -> comments.forPlan(entry.planId)
            .map(found -> views.render(entry.nhsNumber, version, CrisisViews.comments(found)).asOf(today))));
  }
}
