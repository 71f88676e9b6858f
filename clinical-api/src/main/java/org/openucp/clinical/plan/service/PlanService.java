package org.openucp.clinical.plan.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.careteam.repository.CareTeamRepository;
import org.openucp.clinical.consent.Consent;
import org.openucp.clinical.consent.repository.ConsentRepository;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.plan.CarePlan;
import org.openucp.clinical.plan.PatientComment;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.plan.repository.AttachmentRepository;
import org.openucp.clinical.plan.repository.CarePlanRepository;
import org.openucp.clinical.plan.repository.PatientCommentRepository;
import org.openucp.clinical.plan.repository.PlanVersionRepository;
import org.openucp.clinical.notice.service.Reconsent;
import org.openucp.clinical.rights.Restriction;
import org.openucp.clinical.rights.repository.RestrictionRepository;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.model.care.ConsentBasis;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.intake.SubmittedDraft;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * The plan lifecycle: initiate a draft with the patient's consent, edit it, publish it as an immutable version,
 * revise on top of the published version, publish again. One plan per NHS number. Every write is checked against
 * the caller's permissions and the plan's care team; the published plan is open to every reader of published plans.
 */
@ApplicationScoped
public class PlanService {

  private final CarePlanRepository plans;
  private final PlanVersionRepository versions;
  private final ConsentRepository consents;
  private final CareTeamRepository careTeams;
  private final AttachmentRepository attachments;
  private final PlanContentCodec codec;
  private final AccessGuard access;
  private final AuditContext audit;
  private final PublicationEffects effects;
  private final OrganisationRepository organisations;
  private final RestrictionRepository restrictions;
  private final PatientCommentRepository comments;
  private final Clock clock;

  public PlanService(CarePlanRepository plans, PlanVersionRepository versions, ConsentRepository consents,
      CareTeamRepository careTeams, AttachmentRepository attachments, PlanContentCodec codec, AccessGuard access,
      AuditContext audit, PublicationEffects effects, OrganisationRepository organisations,
      RestrictionRepository restrictions, PatientCommentRepository comments, Clock clock) {
    this.plans = plans;
    this.comments = comments;
    this.restrictions = restrictions;
    this.organisations = organisations;
    this.versions = versions;
    this.consents = consents;
    this.careTeams = careTeams;
    this.attachments = attachments;
    this.codec = codec;
    this.access = access;
    this.audit = audit;
    this.effects = effects;
    this.clock = clock;
  }

  /** A plan's draft as stored, with the revision to send back in If-Match. */
  public record Draft(CarePlan plan, PlanContent content) {
  }

  /** A published version with its content. */
  /** A published version, with what the patient said about the plan. */
  public record Published(CarePlan plan, PlanVersion version, PlanContent content, List<PatientComment> comments) {
  }

  /** The outcome of a publication: the new version and what the publisher should look at. */
  public record Publication(CarePlan plan, PlanVersion version, List<String> warnings) {
  }

  /** What a reader may know of a plan: drafts are shown to its care team only. */
  public record Summary(CarePlan plan, boolean draftVisible) {
  }

  /** The consent basis stated when a plan is initiated: no clinical content is stored without one. */
  /**
   * The basis a plan is held on, as stated by the clinician; for a child, who holds parental responsibility and, for a
   * best-interests decision, who was consulted.
   */
  public record ConsentStatement(ConsentBasis basis, String notes, String parentalResponsibility, String consulted) {
  }

  public Uni<Draft> initiate(NhsNumber patient, PlanContent content, ConsentStatement consent) {
    audit.patient(patient);
    return Panache.withTransaction(() -> access.require(Permission.INITIATE).chain(staff -> {
          requireDnacprPermission(staff, null, content);
          return plans.findByPatient(patient).chain(existing -> {
            if (existing != null) {
              throw planExists(existing);
            }
            return create(staff, patient, content, consent);
          });
        }))
        .onFailure(ConstraintViolationException.class).transform(e -> planExists(null))
        .invoke(plan -> audit.plan(plan.id, null))
        .map(plan -> new Draft(plan, content));
  }

  /**
   * Takes a patient's submitted draft into their plan, inside the caller's transaction: initiates the plan, with
   * the consent the clinician records, when there is none; otherwise adds to its draft (starting a revision when
   * everything is published), for the plan's care team only.
   */
  public Uni<CarePlan> takeIn(StaffMember staff, SubmittedDraft submission, ConsentStatement consent) {
    return plans.findByPatient(submission.nhsNumber()).chain(plan -> {
      access.requireHeld(staff, plan == null ? Permission.INITIATE : Permission.EDIT);
      if (plan == null) {
        if (consent == null || consent.basis() == null) {
          throw new ProblemException(Problem.of("consent-required", "Consent needed first", 422,
                  "This patient has no plan yet: record their consent (consent.basis) to start one from the "
                      + "submission")
              .withErrors(List.of(new Problem.FieldError("consent.basis", "must not be null"))));
        }
        return create(staff, submission.nhsNumber(), SubmissionMerge.into(PlanContent.empty(), submission),
            consent);
      }
      return requireCareTeam(staff, plan).chain(() -> restrictions.isRestricted(plan.nhsNumber)).chain(restricted -> {
        if (restricted) {
          audit.restricted();
          throw ProblemException.forbidden("plan-restricted", "The patient's plan is restricted: it is kept but may "
              + "not be used. The operator's information governance team handles it.");
        }
        return currentContent(plan);
      }).chain(current -> {
        writeDraft(plan, SubmissionMerge.into(current, submission), staff);
        return plans.persistAndFlush(plan);
      });
    }).invoke(plan -> audit.plan(plan.id, null));
  }

  @WithSession
  public Uni<Summary> summary(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_PUBLISHED).chain(staff -> existing(staff, patient)
        .chain(plan -> draftsVisible(staff, plan).map(draftVisible -> {
          audit.plan(plan.id, plan.isPublished() ? plan.latestVersion : null);
          return new Summary(plan, draftVisible);
        })));
  }

  @WithSession
  public Uni<Draft> draft(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_DRAFT).chain(staff -> inCareTeam(staff, patient)).map(plan -> {
      if (!plan.hasDraft()) {
        throw ProblemException.notFound("A draft of this plan");
      }
      return new Draft(plan, codec.read(plan.draftContent));
    });
  }

  /** Saves the draft; on a published plan without a draft this starts a new revision. */
  @WithTransaction
  public Uni<Draft> saveDraft(NhsNumber patient, long expectedRevision, PlanContent content) {
    audit.patient(patient);
    return access.require(Permission.EDIT).chain(staff -> inCareTeam(staff, patient).chain(plan -> {
      Versions.check(expectedRevision, plan.revision);
      return requireOwnAttachment(plan, content).chain(() -> currentContent(plan)).chain(previous -> {
        requireDnacprPermission(staff, previous, content);
        writeDraft(plan, content, staff);
        return plans.persistAndFlush(plan);
      });
    })).map(plan -> new Draft(plan, content));
  }

  /** Starts a draft revision on top of the newest published version, with its content as the starting point. */
  @WithTransaction
  public Uni<Draft> revise(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.EDIT).chain(staff -> inCareTeam(staff, patient).chain(plan -> {
      if (plan.hasDraft()) {
        throw ProblemException.conflict("draft-exists", "A draft is already open",
            "Carry on with the open draft (revision " + plan.revision + ") rather than starting another");
      }
      return currentContent(plan).chain(published -> {
        writeDraft(plan, published, staff);
        return plans.persistAndFlush(plan).map(saved -> new Draft(saved, published));
      });
    }));
  }

  @WithTransaction
  public Uni<Publication> publish(NhsNumber patient, long expectedRevision) {
    return publish(patient, expectedRevision, null);
  }

  /**
   * Publishes the draft as a correction of the version before it (a rectification): the same rules as any
   * publication, and the reason kept with the new version for every reader to see; the corrected version stays.
   */
  @WithTransaction
  public Uni<Publication> publishCorrection(NhsNumber patient, long expectedRevision, String reason) {
    return publish(patient, expectedRevision, reason);
  }

  private Uni<Publication> publish(NhsNumber patient, long expectedRevision, String correctionReason) {
    audit.patient(patient);
    return access.require(Permission.PUBLISH).chain(staff -> inCareTeam(staff, patient).chain(plan -> {
      Versions.check(expectedRevision, plan.revision);
      if (!plan.hasDraft()) {
        throw ProblemException.conflict("nothing-to-publish", "Nothing to publish",
            "Every change is already published as version " + plan.latestVersion);
      }
      if (correctionReason != null && !plan.isPublished()) {
        throw ProblemException.conflict("nothing-to-correct", "Nothing to correct",
            "A correction replaces a published version: publish the first version as usual");
      }
      PlanContent content = codec.read(plan.draftContent);
      // One query after the other: a reactive session runs one operation at a time.
      return consents.findById(plan.id).chain(consent -> publishedContent(plan).chain(published -> organisations
          .findById(staff.organisation().value()).chain(organisation -> {
            PublicationRules.Findings findings = PublicationRules.check(content, consent, LocalDate.now(clock));
            if (!findings.publishable()) {
              throw new ProblemException(Problem.of("plan-not-publishable", "The plan cannot be published yet", 422,
                  "Complete or correct: " + String.join(", ",
                      findings.errors().stream().map(Problem.FieldError::field).toList()))
                  .withErrors(findings.errors()));
            }
            requireDnacprPermission(staff, published, content);
            PlanVersion version = newVersion(plan, content, staff);
            version.organisationName = organisation == null ? null : organisation.name;
            version.correctionReason = correctionReason;
            plan.latestVersion = version.version;
            plan.draftContent = null;
            plan.draftUpdatedAt = clock.instant();
            plan.draftUpdatedBy = staff.id();
            audit.plan(plan.id, version.version);
            return versions.persist(version)
                .chain(() -> plans.persistAndFlush(plan))
                .call(saved -> effects.published(saved, version, content))
                .map(saved -> new Publication(saved, version, findings.warnings()));
          })));
    }));
  }

  @WithSession
  public Uni<List<PlanVersion>> history(NhsNumber patient) {
    audit.patient(patient);
    return access.require(Permission.VIEW_PUBLISHED).chain(staff -> existing(staff, patient)
        .call(plan -> draftsVisible(staff, plan))
        .chain(plan -> versions.history(plan.id)));
  }

  /** A published version; {@code version} null for the newest. */
  @WithSession
  public Uni<Published> published(NhsNumber patient, Integer version) {
    audit.patient(patient);
    return access.require(Permission.VIEW_PUBLISHED)
        .chain(staff -> existing(staff, patient).call(plan -> draftsVisible(staff, plan)))
        .chain(plan -> {
          int wanted = version == null ? plan.latestVersion : version;
          return versions.findVersion(plan.id, wanted).chain(found -> {
            if (found == null) {
              throw ProblemException.notFound(version == null ? "A published version of this plan"
                  : "Version " + version + " of this plan");
            }
            audit.plan(plan.id, found.version);
            return comments.forPlan(plan.id)
                .map(patientComments -> new Published(plan, found, codec.read(found.content), patientComments));
          });
        });
  }

  /**
   * The patient's plan, or a 404; call it inside the caller's session, after the access check. While the patient
   * restricts the use of their data, its care team is refused with a 403 that says so, and anyone else gets the
   * same 404 as for no plan; either is audited as a restricted access.
   */
  public Uni<CarePlan> existing(StaffMember staff, NhsNumber patient) {
    return plans.findByPatient(patient).chain(plan -> {
      if (plan == null) {
        throw ProblemException.notFound("A plan for this NHS number");
      }
      audit.plan(plan.id, null);
      return restrictions.findById(plan.nhsNumber).chain(restriction -> restriction == null
          ? Uni.createFrom().item(plan)
          : isInCareTeam(staff, plan).map(member -> {
            audit.restricted();
            throw member ? restricted(restriction) : ProblemException.notFound("A plan for this NHS number");
          }));
    });
  }

  /**
   * The patient's plan when the member of staff's organisation is in its care team; a 403 saying so otherwise.
   * Call it inside the caller's session, after the permission check.
   */
  public Uni<CarePlan> inCareTeam(StaffMember staff, NhsNumber patient) {
    return existing(staff, patient).call(plan -> requireCareTeam(staff, plan));
  }

  private Uni<Boolean> isInCareTeam(StaffMember staff, CarePlan plan) {
    return careTeams.isMember(plan.id, staff.organisation().value());
  }

  /** Refuses with a 403 a member of staff whose organisation is not in the plan's care team. */
  public Uni<Void> requireCareTeam(StaffMember staff, CarePlan plan) {
    return isInCareTeam(staff, plan).invoke(member -> {
      if (!member) {
        throw notInCareTeam(staff, plan);
      }
    }).replaceWithVoid();
  }

  /**
   * Whether this reader sees the plan's drafts: its care team's authors do. A plan never published does not exist
   * for anyone else who reads published plans only (404); staff who work on drafts elsewhere are told that their
   * organisation is not in its care team (403).
   */
  public Uni<Boolean> draftsVisible(StaffMember staff, CarePlan plan) {
    if (!access.holds(staff, Permission.VIEW_DRAFT)) {
      if (!plan.isPublished()) {
        throw ProblemException.notFound("A plan for this NHS number");
      }
      return Uni.createFrom().item(false);
    }
    return isInCareTeam(staff, plan).map(member -> {
      if (!member && !plan.isPublished()) {
        throw notInCareTeam(staff, plan);
      }
      return member;
    });
  }

  private static ProblemException notInCareTeam(StaffMember staff, CarePlan plan) {
    return ProblemException.forbidden("not-in-care-team", "Your organisation " + staff.organisation()
        + " is not in this plan's care team: ask its owner, " + plan.owningOrganisation + ", to add it");
  }

  /** An ADRT's attached document must be one attached to this plan. */
  private Uni<Void> requireOwnAttachment(CarePlan plan, PlanContent content) {
    String attachmentId = content.adrt() == null ? null : content.adrt().attachmentId();
    if (attachmentId == null || attachmentId.isBlank()) {
      return Uni.createFrom().voidItem();
    }
    UUID id;
    try {
      id = UUID.fromString(attachmentId.strip());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(notAnAttachmentOfThisPlan(attachmentId));
    }
    return attachments.findForPlan(plan.id, id).invoke(found -> {
      if (found == null) {
        throw notAnAttachmentOfThisPlan(attachmentId);
      }
    }).replaceWithVoid();
  }

  private static ProblemException notAnAttachmentOfThisPlan(String attachmentId) {
    return new ProblemException(Problem.of("unknown-attachment", "Not a document of this plan", 422,
            "adrt.attachmentId " + attachmentId + " is not a document attached to this plan: attach it first")
        .withErrors(List.of(new Problem.FieldError("adrt.attachmentId", "not a document attached to this plan"))));
  }

  /** A new plan owned by the member of staff's organisation, its care team, and the consent it is held on. */
  private Uni<CarePlan> create(StaffMember staff, NhsNumber patient, PlanContent content,
      ConsentStatement consent) {
    PublicationRules.requireConsentAllowed(content.person() == null ? null : content.person().dateOfBirth(),
        consent, LocalDate.now(clock), "consent.");
    CarePlan plan = new CarePlan();
    plan.id = UUID.randomUUID();
    plan.nhsNumber = patient.value();
    plan.owningOrganisation = staff.organisation().value();
    plan.createdAt = clock.instant();
    plan.createdBy = staff.id();
    writeDraft(plan, content, staff);
    Consent record = new Consent();
    record.planId = plan.id;
    record.recordedBy(staff, consent, clock.instant());
    return requireOwnAttachment(plan, content).chain(() -> plans.persistAndFlush(plan))
        .call(created -> careTeams.addIfAbsent(created.id, created.owningOrganisation, staff.id(), clock.instant()))
        .call(created -> consents.persistAndFlush(record));
  }

  /** The draft if there is one, else the newest published content. */
  private Uni<PlanContent> currentContent(CarePlan plan) {
    return plan.hasDraft() ? Uni.createFrom().item(codec.read(plan.draftContent)) : publishedContent(plan)
        .map(published -> published == null ? PlanContent.empty() : published);
  }

  private Uni<PlanContent> publishedContent(CarePlan plan) {
    if (!plan.isPublished()) {
      return Uni.createFrom().nullItem();
    }
    return versions.findVersion(plan.id, plan.latestVersion).map(found -> codec.read(found.content));
  }

  /** A DNACPR decision may be newly recorded only by roles allowed to record one. */
  private void requireDnacprPermission(StaffMember staff, PlanContent previous, PlanContent next) {
    boolean newlyRecorded = next.recordsDnacpr()
        && (previous == null || !Objects.equals(previous.cprDecision(), next.cprDecision()));
    if (newlyRecorded && !access.holds(staff, Permission.RECORD_DNACPR)) {
      throw new ProblemException(Problem.of("dnacpr-not-allowed", "Not allowed", 403,
          "Only a senior responsible clinician may record a 'CPR not recommended' decision; your role "
              + staff.jobRoleCode() + " may not"));
    }
  }

  private void writeDraft(CarePlan plan, PlanContent content, StaffMember staff) {
    plan.draftContent = codec.write(content);
    plan.draftUpdatedAt = clock.instant();
    plan.draftUpdatedBy = staff.id();
  }

  private PlanVersion newVersion(CarePlan plan, PlanContent content, StaffMember staff) {
    PlanVersion version = new PlanVersion();
    version.planId = plan.id;
    version.version = plan.latestVersion + 1;
    version.content = codec.write(content);
    version.publishedAt = clock.instant();
    version.publishedBy = staff.id();
    version.publishedByName = staff.name();
    version.roleCode = staff.jobRoleCode();
    version.roleName = staff.roleName();
    version.organisation = staff.organisation().value();
    return version;
  }

  /** What the care team is told of a restricted plan: why, and what ends it. */
  private static ProblemException restricted(Restriction restriction) {
    return ProblemException.forbidden("plan-restricted", Reconsent.REASON.equals(restriction.reason)
        ? "The plan is kept but may not be used: the patient's consent is needed again under the current privacy "
            + "notice and was not given in time. Record their consent again to use the plan."
        : "The patient has restricted the use of their data: the plan is kept but may not be used. The operator's "
            + "information governance team handles the request.");
  }

  private static ProblemException planExists(CarePlan existing) {
    return new ProblemException(Problem.of("plan-exists", "This person already has a plan", 409,
        existing == null ? "A plan for this NHS number already exists: open it instead"
            : "A plan for this NHS number already exists (plan " + existing.id + "): open it instead"));
  }
}
