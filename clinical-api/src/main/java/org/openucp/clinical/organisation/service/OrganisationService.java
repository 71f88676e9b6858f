package org.openucp.clinical.organisation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.organisation.DsptStatus;
import org.openucp.clinical.organisation.IncidentContact;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.OrganisationType;
import org.openucp.clinical.organisation.RosterEntry;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.organisation.repository.RosterRepository;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Onboarding: organisations, their information sharing agreements, their Data Security and Protection Toolkit
 * status, whom to contact about an incident, and their rosters of trained staff. A change
 * commits in its own transaction before the access guard forgets what it remembered, so that no check can read
 * the state the change replaced after it has been forgotten.
 */
@ApplicationScoped
public class OrganisationService {

  private final OrganisationRepository organisations;
  private final RosterRepository roster;
  private final AccessGuard access;
  private final Validator validator;
  private final OnboardingRules rules;
  private final Clock clock;

  public OrganisationService(OrganisationRepository organisations, RosterRepository roster, AccessGuard access,
      Validator validator, OnboardingRules rules, Clock clock) {
    this.organisations = organisations;
    this.roster = roster;
    this.access = access;
    this.validator = validator;
    this.rules = rules;
    this.clock = clock;
  }

  /** An organisation's details as an administrator keeps them. */
  public record Details(String name, OrganisationType type, IncidentContact incidentContact) {
  }

  /** An information sharing agreement as the Caldicott Guardian signed it. */
  public record Agreement(LocalDate signedOn, String caldicottGuardian, LocalDate expiresOn, LocalDate suspendedOn) {
  }

  /** The organisation's Data Security and Protection Toolkit status as the toolkit published it. */
  public record Dspt(DsptStatus status, LocalDate publishedOn) {
  }

  /** Whether the organisation's staff may use the service today, and until when its assurances hold. */
  public record Standing(boolean agreementInForce, boolean dsptInForce, LocalDate dsptLapsesOn, String problem) {
  }

  /** A member of staff on the roster, with the first day their training no longer counts. */
  public record Member(RosterEntry entry, LocalDate trainingLapsesOn, boolean trainingCurrent) {
  }

  /** Where the organisation stands today (its roster aside). */
  public Standing standing(Organisation organisation) {
    LocalDate today = LocalDate.now(clock);
    return new Standing(organisation.agreementProblem(today) == null,
        rules.dsptProblem(organisation, today) == null, rules.dsptLapsesOn(organisation),
        rules.organisationProblem(organisation, today));
  }

  public Uni<Organisation> save(OdsCode ods, Details details) {
    return change(ods, () -> access.require(Permission.ADMINISTER_ORGANISATIONS)
        .chain(admin -> organisations.findById(ods.value()))
        .chain(found -> {
          Organisation organisation = found == null ? new Organisation() : found;
          organisation.odsCode = ods.value();
          organisation.name = details.name();
          organisation.type = details.type();
          organisation.incidentContact(details.incidentContact());
          organisation.updatedAt = clock.instant();
          return organisations.persistAndFlush(organisation);
        }));
  }

  @WithSession
  public Uni<List<Organisation>> list() {
    return access.require(Permission.ADMINISTER_ORGANISATIONS).chain(admin -> organisations.listByName());
  }

  @WithSession
  public Uni<Organisation> get(OdsCode ods) {
    return access.require(Permission.ADMINISTER_ORGANISATIONS).chain(admin -> existing(ods));
  }

  public Uni<Organisation> recordAgreement(OdsCode ods, Agreement agreement) {
    return change(ods, () -> access.require(Permission.ADMINISTER_ORGANISATIONS)
        .chain(admin -> existing(ods)).chain(organisation -> {
          organisation.agreementSignedOn = agreement.signedOn();
          organisation.caldicottGuardian = agreement.caldicottGuardian();
          organisation.agreementExpiresOn = agreement.expiresOn();
          organisation.agreementSuspendedOn = agreement.suspendedOn();
          organisation.updatedAt = clock.instant();
          return organisations.persistAndFlush(organisation);
        }));
  }

  /**
   * Records the organisation's toolkit status: a published status needs the day it was published (a day ahead of
   * this service's date at most, for organisations ahead of UTC); "Not Published" needs none.
   */
  public Uni<Organisation> recordDspt(OdsCode ods, Dspt dspt) {
    return change(ods, () -> access.require(Permission.ADMINISTER_ORGANISATIONS)
        .invoke(admin -> check(dspt))
        .chain(admin -> existing(ods)).chain(organisation -> {
          organisation.dsptStatus = dspt.status();
          organisation.dsptPublishedOn = dspt.publishedOn();
          organisation.updatedAt = clock.instant();
          return organisations.persistAndFlush(organisation);
        }));
  }

  private void check(Dspt dspt) {
    if (dspt.publishedOn() == null && dspt.status() != DsptStatus.NOT_PUBLISHED) {
      throw invalidInput("publishedOn", "is needed for the status " + dspt.status());
    }
    if (dspt.publishedOn() != null && dspt.publishedOn().isAfter(LocalDate.now(clock).plusDays(1))) {
      throw invalidInput("publishedOn", "must not be in the future");
    }
  }

  private static ProblemException invalidInput(String field, String message) {
    return new ProblemException(Problem.of("invalid-input", "The request has invalid fields", 400,
        "Check these fields: " + field).withErrors(List.of(new Problem.FieldError(field, message))));
  }

  /**
   * Replaces the whole roster in one transaction: the upload is the organisation's current list. Every member is
   * checked first; with any problem, nothing is changed.
   */
  public Uni<List<RosterEntry>> replaceRoster(OdsCode ods, List<RosterMember> members) {
    return replaceRoster(ods, () -> {
      List<RosterChecks.Row> rows = new ArrayList<>();
      List<Problem.FieldError> errors = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i) == null) {
          errors.add(new Problem.FieldError("[" + i + "]", "must be a member of staff, not null"));
        } else {
          rows.add(new RosterChecks.Row("[" + i + "]", members.get(i)));
        }
      }
      errors.addAll(RosterChecks.check(rows, validator));
      if (!errors.isEmpty()) {
        throw RosterChecks.invalid(errors);
      }
      return members;
    });
  }

  /** Replaces the whole roster from a CSV upload (see {@link RosterCsv}), in one transaction. */
  public Uni<List<RosterEntry>> replaceRosterFromCsv(OdsCode ods, byte[] csv, String charset) {
    return replaceRoster(ods, () -> RosterCsv.read(csv, charset, validator));
  }

  private Uni<List<RosterEntry>> replaceRoster(OdsCode ods, Supplier<List<RosterMember>> upload) {
    return access.require(Permission.ADMINISTER_ORGANISATIONS)
        .map(admin -> upload.get())
        .chain(members -> change(ods, () -> existing(ods)
            .chain(organisation -> roster.deleteFor(ods.value()))
            .chain(() -> Multi.createFrom().iterable(members)
                .onItem().transformToUniAndConcatenate(member -> roster.persist(entry(ods, member)))
                .collect().asList())));
  }

  /** Commits a change to the organisation's onboarding, then has the access guard forget what it remembered. */
  private <T> Uni<T> change(OdsCode ods, Supplier<Uni<T>> work) {
    return Panache.withTransaction(work).invoke(() -> access.forget(ods.value()));
  }

  @WithSession
  public Uni<List<Member>> roster(OdsCode ods) {
    return access.require(Permission.ADMINISTER_ORGANISATIONS)
        .chain(admin -> existing(ods))
        .chain(organisation -> roster.listFor(ods.value()))
        .map(this::members);
  }

  /** Each member of staff with when their training lapses. */
  public List<Member> members(List<RosterEntry> entries) {
    LocalDate today = LocalDate.now(clock);
    return entries.stream().map(entry -> new Member(entry, rules.trainingLapsesOn(entry),
        rules.trainingProblem(entry, today) == null)).toList();
  }

  private Uni<Organisation> existing(OdsCode ods) {
    return organisations.findById(ods.value())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Organisation " + ods));
  }

  private static RosterEntry entry(OdsCode ods, RosterMember member) {
    RosterEntry entry = new RosterEntry();
    entry.odsCode = ods.value();
    entry.userId = member.userId();
    entry.name = member.name();
    entry.email = member.email();
    entry.jobRole = member.jobRole();
    entry.jobTitle = member.jobTitle();
    entry.course = member.course();
    entry.trainingCompletedOn = member.trainingCompletedOn();
    return entry;
  }
}
