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
import org.openucp.clinical.breach.AffectedPatient;
import org.openucp.clinical.breach.Breach;
import org.openucp.clinical.breach.repository.AffectedPatientRepository;
import org.openucp.clinical.breach.repository.BreachRepository;
import org.openucp.clinical.careteam.repository.CareTeamRepository;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.consent.repository.ConsentRepository;
import org.openucp.clinical.intake.repository.SubmittedDraftRepository;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.repository.PrivacyNoticeRepository;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.retention.repository.PatientDeathRepository;
import org.openucp.clinical.retention.service.RetentionSchedule;
import org.openucp.clinical.rights.RightsRequest;
import org.openucp.clinical.rights.repository.RestrictionRepository;
import org.openucp.clinical.rights.repository.RightsRequestRepository;
import org.openucp.clinical.rights.service.AccessExport.AccessEntry;
import org.openucp.clinical.rights.service.AccessExport.BreachEntry;
import org.openucp.clinical.rights.service.AccessExport.CareTeamEntry;
import org.openucp.clinical.rights.service.AccessExport.ConsentRecord;
import org.openucp.clinical.rights.service.AccessExport.DeathRecord;
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
 * the law requires, once it has checked it for other people's data. It reads a restricted plan too: information
 * governance is the one reader a restriction leaves. Besides the plan: the death recorded with it, the privacy notice
 * each consent was given under, and the breach-register incidents listing the patient.
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
  private final PrivacyNoticeRepository notices;
  private final PatientDeathRepository deaths;
  private final AffectedPatientRepository affected;
  private final BreachRepository breaches;
  private final RetentionSchedule schedule;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public AccessExports(RightsRequestRepository requests, CarePlanRepository plans, PlanVersionRepository versions,
      PlanContentCodec codec, ConsentRepository consents, CareTeamRepository careTeams,
      SubmittedDraftRepository submissions, AuditRepository auditEvents, OrganisationRepository organisations,
      RestrictionRepository restrictions, AttachmentRepository attachments, PrivacyNoticeRepository notices,
      PatientDeathRepository deaths, AffectedPatientRepository affected, BreachRepository breaches,
      RetentionSchedule schedule, AccessGuard access, AuditContext audit, Clock clock) {
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
    this.notices = notices;
    this.deaths = deaths;
    this.affected = affected;
    this.breaches = breaches;
    this.schedule = schedule;
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
            .chain(plan -> deaths.findById(patient.value()).chain(death -> submissions.ofPatient(patient)
                .chain(submitted -> auditEvents
                    .list("nhsNumber = ?1 and organisation is not null", Sort.by("seq"), patient.value())
                    .chain(events -> requests.forPatient(patient.value())
                        .chain(rightsRequests -> breachesOf(patient).chain(incidents -> restrictions
                            .isRestricted(patient.value())
                            .map(restricted -> new AccessExport(patient.value(), clock.instant(),
                                AccessExport.explanation(schedule.forPatients()), plan,
                                death == null ? null : DeathRecord.of(death, names),
                                submitted.stream().map(Submission::of).toList(),
                                events.stream().map(event -> AccessEntry.of(event, names)).toList(),
                                rightsRequests.stream().map(RequestEntry::of).toList(), incidents,
                                restricted)))))))));
  }

  /** The incidents in the breach register listing the patient as affected, the one they became aware of first first. */
  private Uni<List<BreachEntry>> breachesOf(NhsNumber patient) {
    return affected.listing(patient.value()).chain(listings -> {
      if (listings.isEmpty()) {
        return Uni.createFrom().item(List.<BreachEntry>of());
      }
      List<UUID> ids = listings.stream().map(listed -> listed.breachId).toList();
      return breaches.byIds(ids).chain(found -> affected.recordsOfPatient(ids, patient.value()).map(records -> {
        Map<UUID, AffectedPatient> byBreach = listings.stream()
            .collect(Collectors.toMap(listed -> listed.breachId, Function.identity()));
        return found.stream().sorted(Comparator.comparing((Breach breach) -> breach.awareAt)
                .thenComparing(breach -> breach.id))
            .map(breach -> BreachEntry.of(breach, byBreach.get(breach.id), records.getOrDefault(breach.id, 0L)))
            .toList();
      }));
    });
  }

  private Uni<PlanHeld> planHeld(CarePlan plan, Map<String, Organisation> names) {
    if (plan == null) {
      return Uni.createFrom().nullItem();
    }
    return versions.history(plan.id).chain(history -> consents.findById(plan.id)
        .chain(consent -> consentRecord(consent).chain(consentRecord -> careTeams.of(plan.id)
            .chain(team -> plansDocuments(plan.id).map(documents -> new PlanHeld(plan.owningOrganisation,
                history.stream().sorted(Comparator.comparingInt(version -> version.version))
                    .map(version -> VersionHeld.of(version, codec.read(version.content))).toList(),
                plan.hasDraft() ? codec.read(plan.draftContent) : null,
                consentRecord,
                team.stream().map(member -> new CareTeamEntry(member.odsCode,
                    names.containsKey(member.odsCode) ? names.get(member.odsCode).name : null, member.addedAt))
                    .toList(),
                documents))))));
  }

  /** The consent with the privacy notice it was given under, and the one it is asked for again under, if any. */
  private Uni<ConsentRecord> consentRecord(Consent consent) {
    if (consent == null) {
      return Uni.createFrom().nullItem();
    }
    return notices.findById(consent.privacyNoticeId).chain(givenUnder -> (consent.reconsentNoticeId == null
            ? Uni.createFrom().<PrivacyNotice>nullItem() : notices.findById(consent.reconsentNoticeId))
        .map(askedAgainUnder -> ConsentRecord.of(consent, givenUnder, askedAgainUnder)));
  }

  private Uni<List<Document>> plansDocuments(UUID planId) {
    return attachments.forPlan(planId).map(found -> found.stream().map(Document::of).toList());
  }
}
