package org.openucp.clinical.rights.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.careteam.repository.CareTeamRepository;
import org.openucp.clinical.consent.repository.ConsentRepository;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.repository.RestrictionRepository;
import org.openucp.clinical.rights.repository.RightsRequestRepository;
import org.openucp.clinical.rights.service.AccessExport.AccessEntry;
import org.openucp.clinical.rights.service.AccessExport.CareTeamEntry;
import org.openucp.clinical.rights.service.AccessExport.ConsentRecord;
import org.openucp.clinical.rights.service.AccessExport.Document;
import org.openucp.clinical.rights.service.AccessExport.PlanHeld;
import org.openucp.clinical.rights.service.AccessExport.RequestEntry;
import org.openucp.clinical.rights.service.AccessExport.Submission;
import org.openucp.clinical.rights.service.AccessExport.VersionHeld;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.problem.ProblemException;

/**
 * The copy of everything the clinical store holds about a patient, for an access (Art 15) or portability (Art 20)
 * request whose requester's identity is verified: the information governance team sends it, with the explanations
 * the law requires. It reads a restricted plan too: information governance is the one reader a restriction leaves.
 */
@ApplicationScoped
public class AccessExports {

  private final RightsRequestRepository requests;
  private final CarePlanRepository plans;
  private final PlanVersionRepository versions;
  private final PlanContentCodec codec;
  private final ConsentRepository consents;
  private final CareTeamRepository careTeams;
  private final SubmittedDraftRepository submissions;
  private final AuditRepository auditEvents;
  private final OrganisationRepository organisations;
  private final RestrictionRepository restrictions;
  private final AttachmentRepository attachments;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public AccessExports(RightsRequestRepository requests, CarePlanRepository plans, PlanVersionRepository versions,
      PlanContentCodec codec, ConsentRepository consents, CareTeamRepository careTeams,
      SubmittedDraftRepository submissions, AuditRepository auditEvents, OrganisationRepository organisations,
      RestrictionRepository restrictions, AttachmentRepository attachments, AccessGuard access, AuditContext audit,
      Clock clock) {
    this.requests = requests;
    this.plans = plans;
    this.versions = versions;
    this.codec = codec;
    this.consents = consents;
    this.careTeams = careTeams;
    this.submissions = submissions;
    this.auditEvents = auditEvents;
    this.organisations = organisations;
    this.restrictions = restrictions;
    this.attachments = attachments;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** The export for an open access or portability request whose requester's identity has been verified. */
  @WithSession
  public Uni<AccessExport> forRequest(UUID requestId) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> requests.findById(requestId))
        .chain(request -> {
          if (request == null) {
            throw ProblemException.notFound("A rights request with this id");
          }
          NhsNumber patient = NhsNumber.of(request.nhsNumber);
          audit.patient(patient);
          if (request.kind != RightsRequest.Kind.ACCESS && request.kind != RightsRequest.Kind.PORTABILITY) {
            throw ProblemException.conflict("not-an-access-request", "Not an access or portability request",
                "This request is for " + request.kind + ": only access and portability requests get a copy");
          }
          if (request.idVerifiedAt == null) {
            throw ProblemException.conflict("identity-not-verified", "Identity not verified",
                "Verify the requester's identity before sending them a copy of the patient's data");
          }
          return export(patient);
        });
  }

  // One query after the other: a reactive session runs one operation at a time.
  private Uni<AccessExport> export(NhsNumber patient) {
    return organisations.listAll().map(all -> all.stream()
            .collect(Collectors.toMap(organisation -> organisation.odsCode, Function.identity())))
        .chain(names -> plans.findByPatient(patient).chain(plan -> planHeld(plan, names))
            .chain(plan -> submissions.ofPatient(patient).chain(submitted -> auditEvents
                .list("nhsNumber = ?1 and organisation is not null", Sort.by("seq"), patient.value())
                .chain(events -> requests.forPatient(patient.value())
                    .chain(rightsRequests -> restrictions.isRestricted(patient.value())
                        .map(restricted -> new AccessExport(patient.value(), clock.instant(),
                            AccessExport.EXPLANATION, plan,
                            submitted.stream().map(Submission::of).toList(),
                            events.stream().map(event -> AccessEntry.of(event, names)).toList(),
                            rightsRequests.stream().map(RequestEntry::of).toList(), restricted)))))));
  }

  private Uni<PlanHeld> planHeld(CarePlan plan, Map<String, Organisation> names) {
    if (plan == null) {
      return Uni.createFrom().nullItem();
    }
    return versions.history(plan.id).chain(history -> consents.findById(plan.id)
        .chain(consent -> careTeams.of(plan.id)
            .chain(team -> plansDocuments(plan.id).map(documents -> new PlanHeld(plan.owningOrganisation,
                history.stream().sorted(Comparator.comparingInt(version -> version.version))
                    .map(version -> VersionHeld.of(version, codec.read(version.content))).toList(),
                plan.hasDraft() ? codec.read(plan.draftContent) : null,
                consent == null ? null : ConsentRecord.of(consent),
                team.stream().map(member -> new CareTeamEntry(member.odsCode,
                    names.containsKey(member.odsCode) ? names.get(member.odsCode).name : null, member.addedAt))
                    .toList(),
                documents)))));
  }

  private Uni<List<Document>> plansDocuments(UUID planId) {
    return attachments.forPlan(planId).map(found -> found.stream().map(Document::of).toList());
  }
}
