package org.openucp.clinical.careteam.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.careteam.CareTeamMember;
import org.openucp.clinical.careteam.repository.CareTeamRepository;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Who works on a plan: its owning organisation and the others its care team adds. Only the care team changes the
 * team, and a patient moving practice is an explicit transfer of ownership. Every change is audited, naming it.
 */
@ApplicationScoped
public class CareTeamService {

  private final CareTeamRepository careTeams;
  private final CarePlanRepository plans;
  private final OrganisationRepository organisations;
  private final PlanService planService;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public CareTeamService(CareTeamRepository careTeams, CarePlanRepository plans, OrganisationRepository organisations,
      PlanService planService, AccessGuard access, AuditContext audit, Clock clock) {
    this.careTeams = careTeams;
    this.plans = plans;
    this.organisations = organisations;
    this.planService = planService;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** A plan's care team: its owner first among the members. */
  public record CareTeam(CarePlan plan, List<CareTeamMember> members) {
  }

  @WithSession
  public Uni<CareTeam> of(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_DRAFT).chain(staff -> planService.inCareTeam(staff, patient))
        .chain(this::team);
  }

  @WithTransaction
  public Uni<CareTeam> add(NhsNumber patient, OdsCode organisation) {
    audit.patient(patient);
    audit.reason("added " + organisation + " to the care team");
    return access.require(Permission.EDIT).chain(staff -> planService.inCareTeam(staff, patient)
        .call(plan -> registered(organisation))
        .call(plan -> careTeams.addIfAbsent(plan.id, organisation.value(), staff.id(), clock.instant())))
        .chain(this::team);
  }

  @WithTransaction
  public Uni<CareTeam> remove(NhsNumber patient, OdsCode organisation) {
    audit.patient(patient);
    audit.reason("removed " + organisation + " from the care team");
    return access.require(Permission.EDIT).chain(staff -> planService.inCareTeam(staff, patient).call(plan -> {
      if (plan.owningOrganisation.equals(organisation.value())) {
        throw ProblemException.conflict("owner-stays", "The owner stays in the care team",
            organisation + " owns this plan: transfer ownership to another organisation before removing it");
      }
      return careTeams.remove(plan.id, organisation.value()).invoke(removed -> {
        if (!removed) {
          throw ProblemException.notFound(organisation + " in this plan's care team");
        }
      });
    })).chain(this::team);
  }

  /**
   * Hands the plan to another organisation, e.g. the new practice of a patient who moved: it joins the care team if
   * it was not in it, and its staff now receive the plan's review tasks.
   */
  @WithTransaction
  public Uni<CareTeam> transferOwnership(NhsNumber patient, OdsCode newOwner, String reason) {
    audit.patient(patient);
    return access.require(Permission.EDIT).chain(staff -> planService.inCareTeam(staff, patient)
        .call(plan -> registered(newOwner))
        .call(plan -> {
          audit.reason("ownership " + plan.owningOrganisation + " -> " + newOwner + ": " + reason);
          plan.owningOrganisation = newOwner.value();
          return careTeams.addIfAbsent(plan.id, newOwner.value(), staff.id(), clock.instant())
              .chain(() -> plans.persistAndFlush(plan))
              .chain(() -> careTeams.moveOwnedRecords(plan.id, newOwner.value()));
        }))
        .chain(this::team);
  }

  private Uni<CareTeam> team(CarePlan plan) {
    audit.plan(plan.id, null);
    return careTeams.of(plan.id).map(members -> new CareTeam(plan, members));
  }

  private Uni<Void> registered(OdsCode organisation) {
    return organisations.findById(organisation.value()).invoke(found -> {
      if (found == null) {
        throw new ProblemException(Problem.of("unknown-organisation", "Not a member organisation", 422,
                organisation + " has not joined this service, so its staff could not work on the plan")
            .withErrors(List.of(new Problem.FieldError("organisation", "not a member organisation"))));
      }
    }).replaceWithVoid();
  }
}
