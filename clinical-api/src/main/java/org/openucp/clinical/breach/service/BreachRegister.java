package org.openucp.clinical.breach.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.breach.AffectedPatient;
import org.openucp.clinical.breach.AuditSearch;
import org.openucp.clinical.breach.Breach;
import org.openucp.clinical.breach.Liaison;
import org.openucp.clinical.breach.NoticeExemption;
import org.openucp.clinical.breach.RegulatorDecision;
import org.openucp.clinical.breach.repository.AffectedPatientRepository;
import org.openucp.clinical.breach.repository.AffectedPatientRepository.AuditCriteria;
import org.openucp.clinical.breach.repository.AuditSearchRepository;
import org.openucp.clinical.breach.repository.BreachRepository;
import org.openucp.clinical.breach.repository.LiaisonRepository;
import org.openucp.clinical.breach.repository.RegulatorDecisionRepository;
import org.openucp.clinical.retention.service.RetentionSchedule;
import org.openucp.model.identity.NhsNumber;
import org.openucp.web.paging.Slice;
import org.openucp.web.problem.Problem;
import org.openucp.web.time.StatedTimes;
import org.openucp.web.problem.ProblemException;
import org.openucp.web.version.Versions;

/**
 * The operator's breach register, for its information governance team only. Every breach is recorded, notifiable or
 * not (Art 33(5)); the ICO clock runs from when the operator became aware until the decision not to notify, or the
 * notification, is recorded. Every change is checked in full before anything is written, in one transaction.
 */
@ApplicationScoped
public class BreachRegister {


  private static final Permission IG = Permission.MANAGE_INFORMATION_GOVERNANCE;

  private final BreachRepository breaches;
  private final AffectedPatientRepository affected;
  private final RegulatorDecisionRepository decisions;
  private final LiaisonRepository liaisons;
  private final AuditSearchRepository searches;
  private final AccessGuard access;
  private final AuditContext audit;
  private final BreachConfig config;
  private final RetentionSchedule schedule;
  private final Clock clock;

  public BreachRegister(BreachRepository breaches, AffectedPatientRepository affected,
      RegulatorDecisionRepository decisions, LiaisonRepository liaisons, AuditSearchRepository searches,
      AccessGuard access, AuditContext audit, BreachConfig config, RetentionSchedule schedule, Clock clock) {
    this.breaches = breaches;
    this.affected = affected;
    this.decisions = decisions;
    this.liaisons = liaisons;
    this.searches = searches;
    this.access = access;
    this.audit = audit;
    this.config = config;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** A breach as the register shows it, with what hangs off it, its retention, and the time it was read at. */
  public record Detail(Breach breach, Instant regulatorDueAt, Instant now, List<AffectedPatient> patients,
      Map<String, Long> recordsByPatient, List<RegulatorDecision> decisions, List<Liaison> liaisons,
      List<AuditSearch> searches, RetentionSchedule.Retention retention) {
  }

  /** A line of the register. */
  public record Listing(Breach breach, Instant regulatorDueAt, Instant now, long patients) {
  }

  /** How long the entry is kept at least: as an incident, or as a serious incident (see RetentionSchedule). */
  public RetentionSchedule.Retention retentionOf(Breach breach) {
    return schedule.forIncident(breach.occurredAt, breach.awareAt, breach.seriousIncident, breach.notifiable());
  }

  /** When the ICO must be notified by: the configured period after the operator became aware. */
  public Instant regulatorDueAt(Breach breach) {
    return breach.awareAt.plus(config.regulatorDeadline());
  }

  @WithTransaction
  public Uni<Detail> record(BreachInput.Facts facts) {
    return access.require(IG).chain(staff -> {
      Instant now = clock.instant();
      checkFacts(facts, null, now);
      Breach breach = new Breach();
      breach.id = UUID.randomUUID();
      apply(breach, facts);
      breach.recordedAt = now;
      breach.recordedBy = staff.id();
      breach.touch(now, staff.id());
      return breaches.persistAndFlush(breach);
    }).chain(this::detail);
  }

  /** The register, the breach the operator became aware of most recently first. Shows no patient. */
  @WithSession
  public Uni<Slice<Listing>> list(int page, int size) {
    return access.require(IG).chain(() -> breaches.newest(page, size)).chain(found -> {
      Instant now = clock.instant();
      return affected.countsOf(found.items().stream().map(breach -> breach.id).toList()).map(counts -> found
          .map(breach -> new Listing(breach, regulatorDueAt(breach), now, counts.getOrDefault(breach.id, 0L))));
    });
  }

  /** The breach with its patients, who are recorded in the audit trail as shown. */
  @WithSession
  public Uni<Detail> read(UUID id) {
    return access.require(IG).chain(() -> breaches.findById(id)).map(breach -> found(breach, id))
        .chain(this::detail);
  }

  /** Replaces the facts, if nobody changed the entry since the caller read it. */
  @WithTransaction
  public Uni<Detail> update(UUID id, long expectedRevision, BreachInput.Facts facts) {
    return access.require(IG).chain(staff -> writable(id, expectedRevision).chain(breach -> {
      Instant now = clock.instant();
      checkFacts(facts, breach, now);
      apply(breach, facts);
      breach.touch(now, staff.id());
      return breaches.persistAndFlush(breach);
    })).chain(this::detail);
  }

  /** Attaches the patients and records the audit trail shows the breach touched, and keeps the search as evidence. */
  @WithTransaction
  public Uni<Detail> attachFromAudit(UUID id, Long expectedRevision, BreachInput.AuditFilter filter) {
    return access.require(IG).chain(staff -> {
      Instant now = clock.instant();
      String userId = blank(filter.userId()) ? null : filter.userId().strip();
      String organisation = filter.organisation() == null ? null : filter.organisation().value();
      String action = blank(filter.action()) ? null : filter.action().strip();
      Instant to = filter.to() == null || filter.to().isAfter(now) ? now : filter.to();
      List<Problem.FieldError> errors = new ArrayList<>();
      if (userId == null && organisation == null) {
        String message = "give userId, organisation or both: whose accesses the breach was";
        errors.add(new Problem.FieldError("organisation", message));
        errors.add(new Problem.FieldError("userId", message));
      }
      checkTime(errors, "from", filter.from(), now);
      if (filter.to() != null && filter.to().isBefore(StatedTimes.EARLIEST)) {
        errors.add(new Problem.FieldError("to", "must not be before " + StatedTimes.EARLIEST));
      } else if (!to.isAfter(filter.from())) {
        errors.add(new Problem.FieldError("to", "must be after from"));
      }
      refuseIfAny(errors);
      AuditCriteria criteria = new AuditCriteria(userId, organisation, filter.from(), to, action);
      return writable(id, expectedRevision).chain(breach -> affected.attachFromAudit(id, criteria, now, staff.id())
          .chain(attached -> {
            AuditSearch search = new AuditSearch();
            search.id = UUID.randomUUID();
            search.breachId = id;
            search.runAt = now;
            search.runBy = staff.id();
            search.userId = userId;
            search.organisation = organisation;
            search.fromTime = filter.from();
            search.toTime = to;
            search.action = action;
            search.patientsFound = attached.patientsFound();
            search.recordsFound = attached.recordsFound();
            breach.touch(now, staff.id());
            return searches.persist(search).chain(() -> breaches.persistAndFlush(breach));
          }));
    }).chain(this::detail);
  }

  /** Adds patients known to be affected; those listed already stay as they are. */
  @WithTransaction
  public Uni<Detail> addPatients(UUID id, Long expectedRevision, List<NhsNumber> patients) {
    return access.require(IG).chain(staff -> writable(id, expectedRevision).chain(breach -> affected.of(id)
        .chain(listed -> {
          Instant now = clock.instant();
          Set<String> known = listed.stream().map(patient -> patient.nhsNumber).collect(Collectors.toSet());
          List<AffectedPatient> added = new ArrayList<>();
          for (String nhsNumber : new LinkedHashSet<>(patients.stream().map(NhsNumber::value).toList())) {
            if (!known.contains(nhsNumber)) {
              AffectedPatient patient = new AffectedPatient();
              patient.breachId = id;
              patient.nhsNumber = nhsNumber;
              patient.source = AffectedPatient.Source.MANUAL;
              patient.addedAt = now;
              patient.addedBy = staff.id();
              added.add(patient);
            }
          }
          breach.touch(now, staff.id());
          return (added.isEmpty() ? Uni.createFrom().voidItem() : affected.persist(added))
              .chain(() -> breaches.persistAndFlush(breach));
        }))).chain(this::detail);
  }

  /** Takes a patient listed by mistake off the breach, with the records of theirs it attached. */
  @WithTransaction
  public Uni<Void> removePatient(UUID id, Long expectedRevision, NhsNumber patient) {
    audit.patient(patient);
    return access.require(IG).chain(staff -> writable(id, expectedRevision).chain(breach -> affected
        .remove(id, patient.value()).chain(removed -> {
          if (!removed) {
            throw ProblemException.notFound("Patient " + patient + " on breach " + id);
          }
          breach.touch(clock.instant(), staff.id());
          return breaches.persistAndFlush(breach);
        }))).replaceWithVoid();
  }

  /**
   * Records the decision on notifying the ICO, with its reason either way. A notification after the deadline needs
   * the reasons for the delay. A decision may be taken again as facts emerge, until the ICO has been notified; every
   * decision is kept.
   */
  @WithTransaction
  public Uni<Detail> decide(UUID id, Long expectedRevision, BreachInput.Decision decision) {
    return access.require(IG).chain(staff -> writable(id, expectedRevision).chain(breach -> {
      Instant now = clock.instant();
      if (Boolean.TRUE.equals(breach.notifyRegulator) && breach.regulatorNotifiedAt != null) {
        throw ProblemException.conflict("regulator-notified", "The ICO has been notified",
            "The ICO was notified of this breach at " + breach.regulatorNotifiedAt + ": that decision stands."
                + " Record what has emerged since in the breach's facts.");
      }
      Instant due = regulatorDueAt(breach);
      List<Problem.FieldError> errors = new ArrayList<>();
      if (!decision.notify) {
        if (decision.notifiedAt != null) {
          errors.add(new Problem.FieldError("notifiedAt", "only when notifying the ICO (notify: true)"));
        }
        if (!blank(decision.delayReason)) {
          errors.add(new Problem.FieldError("delayReason", "only when notifying the ICO (notify: true)"));
        }
        if (!blank(decision.reference)) {
          errors.add(new Problem.FieldError("reference", "only when the ICO was notified"));
        }
      } else if (decision.notifiedAt == null) {
        if (!blank(decision.reference)) {
          errors.add(new Problem.FieldError("reference", "only with notifiedAt, once the ICO was notified"));
        }
      } else {
        checkTime(errors, "notifiedAt", decision.notifiedAt, now);
        if (decision.notifiedAt.isBefore(breach.awareAt)) {
          errors.add(new Problem.FieldError("notifiedAt", "must not be before awareAt, " + breach.awareAt));
        }
        if (decision.notifiedAt.isAfter(due) && blank(decision.delayReason)) {
          errors.add(new Problem.FieldError("delayReason", "required: the ICO was notified after " + due + ", "
              + hours(config.regulatorDeadline()) + " after the operator became aware; give the reasons for the"
              + " delay"));
        }
      }
      refuseIfAny(errors);
      RegulatorDecision taken = new RegulatorDecision();
      taken.id = UUID.randomUUID();
      taken.breachId = id;
      taken.decidedAt = now;
      taken.decidedBy = staff.id();
      taken.notify = decision.notify;
      taken.reason = decision.reason.strip();
      taken.notifiedAt = decision.notify ? decision.notifiedAt : null;
      taken.delayReason = blank(decision.delayReason) ? null : decision.delayReason.strip();
      taken.reference = blank(decision.reference) ? null : decision.reference.strip();
      breach.notifyRegulator = taken.notify;
      breach.regulatorReason = taken.reason;
      breach.regulatorDecidedAt = now;
      breach.regulatorDecidedBy = staff.id();
      breach.regulatorNotifiedAt = taken.notifiedAt;
      breach.regulatorDelayReason = taken.delayReason;
      breach.regulatorReference = taken.reference;
      breach.touch(now, staff.id());
      return decisions.persist(taken).chain(() -> breaches.persistAndFlush(breach));
    })).chain(this::detail);
  }

  /** Records that the operator liaised with a care provider about the breach: which, when, with whom. */
  @WithTransaction
  public Uni<Detail> liaise(UUID id, Long expectedRevision, BreachInput.ProviderLiaison liaison) {
    return access.require(IG).chain(staff -> {
      Instant now = clock.instant();
      List<Problem.FieldError> errors = new ArrayList<>();
      checkTime(errors, "liaisedAt", liaison.liaisedAt(), now);
      refuseIfAny(errors);
      return writable(id, expectedRevision).chain(breach -> {
        Liaison entry = new Liaison();
        entry.id = UUID.randomUUID();
        entry.breachId = id;
        entry.organisation = liaison.organisation().value();
        entry.liaisedAt = liaison.liaisedAt();
        entry.contact = liaison.contact().strip();
        entry.notes = blank(liaison.notes()) ? null : liaison.notes().strip();
        entry.recordedAt = now;
        entry.recordedBy = staff.id();
        breach.touch(now, staff.id());
        return liaisons.persist(entry).chain(() -> breaches.persistAndFlush(breach));
      });
    }).chain(this::detail);
  }

  /**
   * Marks the breach a serious incident, or takes the mark off, with the reason either way: a serious incident is
   * kept for the longer period. A breach the ICO is to be notified of is kept as a serious incident whatever the mark.
   */
  @WithTransaction
  public Uni<Detail> markSerious(UUID id, Long expectedRevision, BreachInput.Seriousness seriousness) {
    return access.require(IG).chain(staff -> writable(id, expectedRevision).chain(breach -> {
      Instant now = clock.instant();
      breach.seriousIncident = seriousness.serious();
      breach.seriousReason = seriousness.reason().strip();
      breach.seriousDecidedAt = now;
      breach.seriousDecidedBy = staff.id();
      breach.touch(now, staff.id());
      return breaches.persistAndFlush(breach);
    })).chain(this::detail);
  }

  /**
   * Records the assessment of the risk to patients (Art 34). At high risk, unless an Art 34(3) exemption applies,
   * it writes the plain-language notice the care providers send their patients (a public one when telling each
   * would take disproportionate effort), from the breach's facts; it needs the likely consequences, the measures
   * and a contact point. Not high risk, or exempt: the reason is required and no notice is written.
   */
  @WithTransaction
  public Uni<Breach> assessPatientRisk(UUID id, Long expectedRevision, BreachInput.PatientRisk risk) {
    return access.require(IG).chain(staff -> writable(id, expectedRevision).chain(breach -> {
      Instant now = clock.instant();
      boolean highRisk = risk.highRisk();
      NoticeExemption exemption = risk.exemption();
      boolean notice = highRisk && (exemption == null || exemption == NoticeExemption.DISPROPORTIONATE_EFFORT);
      String contact = !blank(risk.contactPoint()) ? risk.contactPoint() : config.contactPoint().orElse(null);
      List<Problem.FieldError> errors = new ArrayList<>();
      if (!highRisk && exemption != null) {
        errors.add(new Problem.FieldError("exemption", "only when the risk to patients is high"));
      }
      if (!highRisk && blank(risk.reason())) {
        errors.add(new Problem.FieldError("reason", "required: say why the risk to patients is not high"));
      }
      if (exemption != null && blank(risk.reason())) {
        errors.add(new Problem.FieldError("reason", "required: say how the exemption applies"));
      }
      if (notice) {
        String first = "describe them in the breach's facts first, for the notice";
        if (blank(breach.likelyConsequences)) {
          errors.add(new Problem.FieldError("likelyConsequences", "required: " + first));
        }
        if (blank(breach.measuresTaken)) {
          errors.add(new Problem.FieldError("measuresTaken", "required: " + first));
        }
        if (blank(contact)) {
          errors.add(new Problem.FieldError("contactPoint", "required: whom patients contact, e.g. the data"
              + " protection officer"));
        }
      }
      refuseIfAny(errors);
      breach.highRisk = highRisk;
      breach.noticeExemption = exemption;
      breach.noticeReason = blank(risk.reason()) ? null : risk.reason().strip();
      breach.noticeAudience = !notice ? null : exemption == NoticeExemption.DISPROPORTIONATE_EFFORT
          ? Breach.NoticeAudience.PUBLIC : Breach.NoticeAudience.AFFECTED_PATIENTS;
      breach.noticeText = notice ? PatientNotice.text(breach, breach.noticeAudience, risk.whatPatientsCanDo(),
          contact, config.serviceName()) : null;
      breach.noticeAssessedAt = now;
      breach.noticeAssessedBy = staff.id();
      breach.touch(now, staff.id());
      return breaches.persistAndFlush(breach);
    }));
  }

  /** The breach and what hangs off it, read one query after the other in the caller's session. */
  private Uni<Detail> detail(Breach breach) {
    UUID id = breach.id;
    return affected.of(id).chain(patients -> affected.recordsByPatient(id).chain(records -> decisions.of(id)
        .chain(taken -> liaisons.of(id).chain(liaised -> searches.of(id).map(searched -> {
          audit.revealed(patients.stream().map(patient -> NhsNumber.of(patient.nhsNumber)).toList());
          return new Detail(breach, regulatorDueAt(breach), clock.instant(), patients, records, taken, liaised,
              searched, retentionOf(breach));
        })))));
  }

  /** The breach, locked for this transaction, as the caller last read it when they say which revision that was. */
  private Uni<Breach> writable(UUID id, Long expectedRevision) {
    return breaches.findForUpdate(id).map(breach -> {
      found(breach, id);
      if (expectedRevision != null) {
        Versions.check(expectedRevision, breach.revision);
      }
      return breach;
    });
  }

  private static Breach found(Breach breach, UUID id) {
    if (breach == null) {
      throw ProblemException.notFound("Breach " + id);
    }
    return breach;
  }

  private void checkFacts(BreachInput.Facts facts, Breach existing, Instant now) {
    List<Problem.FieldError> errors = new ArrayList<>();
    checkTime(errors, "awareAt", facts.awareAt(), now);
    if (facts.occurredAt() != null) {
      checkTime(errors, "occurredAt", facts.occurredAt(), now);
      if (facts.occurredAt().isAfter(facts.awareAt())) {
        errors.add(new Problem.FieldError("occurredAt", "must not be after awareAt: the operator becomes aware"
            + " of a breach once it has happened"));
      }
    }
    if (existing != null && existing.regulatorNotifiedAt != null
        && facts.awareAt().isAfter(existing.regulatorNotifiedAt)) {
      errors.add(new Problem.FieldError("awareAt", "must not be after the ICO was notified, "
          + existing.regulatorNotifiedAt));
    }
    refuseIfAny(errors);
  }

  private static void apply(Breach breach, BreachInput.Facts facts) {
    breach.whatHappened = facts.whatHappened().strip();
    breach.category = facts.category();
    breach.occurredAt = facts.occurredAt();
    breach.awareAt = facts.awareAt();
    breach.likelyConsequences = blank(facts.likelyConsequences()) ? null : facts.likelyConsequences().strip();
    breach.measuresTaken = blank(facts.measuresTaken()) ? null : facts.measuresTaken().strip();
    breach.approximatePatients = facts.approximatePatients();
    breach.approximateRecords = facts.approximateRecords();
  }

  /** A time that has happened: not in the future (beyond clock skew), and not before the service could exist. */
  private static void checkTime(List<Problem.FieldError> errors, String field, Instant at, Instant now) {
    String problem = StatedTimes.problem(at, now);
    if (problem != null) {
      errors.add(new Problem.FieldError(field, problem));
    }
  }

  private static void refuseIfAny(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
      throw new ProblemException(Problem.of("breach-entry-inconsistent", "The breach register cannot take this",
          422, "Check these fields: " + fields).withErrors(errors));
    }
  }

  private static String hours(Duration deadline) {
    return deadline.toMinutes() % 60 == 0 ? deadline.toHours() + " hours" : deadline.toMinutes() + " minutes";
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
