package org.openucp.clinical.organisation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.organisation.Organisation;
import org.openucp.clinical.organisation.OrganisationType;
import org.openucp.clinical.organisation.RosterEntry;
import org.openucp.clinical.organisation.RosterMember;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.organisation.repository.RosterRepository;
import org.openucp.model.identity.OdsCode;
import org.openucp.web.problem.ProblemException;

/**
 * Onboarding: organisations, their information sharing agreements, and their rosters of trained staff. A change
 * commits in its own transaction before the access guard forgets what it remembered, so that no check can read
 * the state the change replaced after it has been forgotten.
 */
@ApplicationScoped
public class OrganisationService {

  private final OrganisationRepository organisations;
  private final RosterRepository roster;
  private final AccessGuard access;
  private final Validator validator;
  private final Clock clock;

  public OrganisationService(OrganisationRepository organisations, RosterRepository roster, AccessGuard access,
      Validator validator, Clock clock) {
    this.organisations = organisations;
    this.roster = roster;
    this.access = access;
    this.validator = validator;
    this.clock = clock;
  }

  /** An information sharing agreement as the Caldicott Guardian signed it. */
  public record Agreement(LocalDate signedOn, String caldicottGuardian, LocalDate expiresOn, LocalDate suspendedOn) {
  }

  /** Whether the organisation's staff may use the service today. */
  public boolean agreementInForce(Organisation organisation) {
    return organisation.agreementProblem(LocalDate.now(clock)) == null;
  }

  public Uni<Organisation> save(OdsCode ods, String name, OrganisationType type) {
    return change(ods, () -> access.require(Permission.ADMINISTER_ORGANISATIONS)
        .chain(admin -> organisations.findById(ods.value()))
        .chain(found -> {
          Organisation organisation = found == null ? new Organisation() : found;
          organisation.odsCode = ods.value();
          organisation.name = name;
          organisation.type = type;
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

  /** Replaces the whole roster in one transaction: the upload is the organisation's current list. */
  public Uni<List<RosterEntry>> replaceRoster(OdsCode ods, List<RosterMember> members) {
    validate(members);
    return change(ods, () -> access.require(Permission.ADMINISTER_ORGANISATIONS)
        .chain(admin -> existing(ods))
        .chain(organisation -> roster.deleteFor(ods.value()))
        .chain(() -> Multi.createFrom().iterable(members)
            .onItem().transformToUniAndConcatenate(member -> roster.persist(entry(ods, member)))
            .collect().asList()));
  }

  /** Commits a change to the organisation's onboarding, then has the access guard forget what it remembered. */
  private <T> Uni<T> change(OdsCode ods, Supplier<Uni<T>> work) {
    return Panache.withTransaction(work).invoke(() -> access.forget(ods.value()));
  }

  @WithSession
  public Uni<List<RosterEntry>> roster(OdsCode ods) {
    return access.require(Permission.ADMINISTER_ORGANISATIONS)
        .chain(admin -> existing(ods))
        .chain(organisation -> roster.listFor(ods.value()));
  }

  private Uni<Organisation> existing(OdsCode ods) {
    return organisations.findById(ods.value())
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Organisation " + ods));
  }

  private void validate(List<RosterMember> members) {
    Set<ConstraintViolation<RosterMember>> violations = new HashSet<>();
    Set<String> userIds = new HashSet<>();
    for (RosterMember member : members) {
      violations.addAll(validator.validate(member));
      if (member.userId() != null && !userIds.add(member.userId())) {
        throw ProblemException.badRequest("invalid-roster", "User " + member.userId() + " appears twice");
      }
    }
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
  }

  private static RosterEntry entry(OdsCode ods, RosterMember member) {
    RosterEntry entry = new RosterEntry();
    entry.odsCode = ods.value();
    entry.userId = member.userId();
    entry.name = member.name();
    entry.jobRole = member.jobRole();
    entry.trainingCompletedOn = member.trainingCompletedOn();
    return entry;
  }
}
