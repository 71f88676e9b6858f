package org.openucp.clinical.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.EnumSet;
import java.util.Set;
import org.openucp.clinical.organisation.repository.OrganisationRepository;
import org.openucp.clinical.organisation.repository.RosterRepository;
import org.openucp.clinical.organisation.service.OnboardingRules;
import org.openucp.clinical.security.Caller;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.clinical.security.ClinicalSecurityConfig;
import org.openucp.clinical.security.CurrentCaller;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * The one check in front of every staff operation: the job role grants the permission, writes come with a smartcard
 * sign-in, the organisation has a sharing agreement in force and a current Data Security and Protection Toolkit
 * status of "Standards Met" or "Standards Exceeded", and the user is on its roster with training completed and not
 * lapsed. Each refusal is a 403 whose type and detail a single-page app can show as they are. When it has to ask the
 * database, it joins the operation's session, or opens one.
 */
@ApplicationScoped
public class AccessGuard {

  /** Operations that change patient data or who may see it: they need the stronger sign-in. */
  private static final Set<Permission> WRITES = EnumSet.complementOf(
      EnumSet.of(Permission.VIEW_PUBLISHED, Permission.VIEW_DRAFT, Permission.READ_AUDIT));

  private final CurrentCaller caller;
  private final ClinicalSecurityConfig security;
  private final AccessPolicy policy;
  private final OrganisationRepository organisations;
  private final RosterRepository roster;
  private final Clock clock;
  private final AccessConfig config;
  private final OnboardingRules rules;
  /** Members of staff found onboarded, and until when that is trusted without asking the database again. */
  private final Map<String, Instant> onboardedUntil = new ConcurrentHashMap<>();
  /** Held while {@link #changes} moves, together with the entries it decides on. */
  private final Object changing = new Object();
  /**
   * How many onboarding changes this replica has been told of: a check that read the database before one is not
   * remembered after it, since what it read may be what the change replaced.
   */
  private volatile long changes;

  public AccessGuard(CurrentCaller caller, ClinicalSecurityConfig security, AccessPolicy policy,
      OrganisationRepository organisations, RosterRepository roster, AccessConfig config, OnboardingRules rules,
      Clock clock) {
    this.config = config;
    this.rules = rules;
    this.caller = caller;
    this.security = security;
    this.policy = policy;
    this.organisations = organisations;
    this.roster = roster;
    this.clock = clock;
  }

  /** Emits the acting member of staff when they may do this, or fails with a 403 problem saying why not. */
  public Uni<StaffMember> require(Permission permission) {
    Caller current = caller.get();
    if (!(current instanceof StaffMember staff)) {
      return Uni.createFrom().failure(denied("staff-only", "Only staff signed in with CIS2 may do this"));
    }
    if (!policy.allows(staff, permission)) {
      return Uni.createFrom().failure(permissionDenied(staff, permission));
    }
    if (WRITES.contains(permission) && !security.writeAcr().contains(staff.assurance())) {
      return Uni.createFrom().failure(ProblemException.stepUp("Changing patient data needs a smartcard sign-in; "
          + "you signed in with " + staff.assurance(), String.join(" ", security.writeAcr())));
    }
    return onboarded(staff);
  }

  /** Refuses, as {@link #require} would, a member of staff whose role does not grant the permission. */
  public void requireHeld(StaffMember staff, Permission permission) {
    if (!policy.allows(staff, permission)) {
      throw permissionDenied(staff, permission);
    }
  }

  /** The permission check alone, for rules that depend on what is being written (DNACPR). */
  public boolean holds(StaffMember staff, Permission permission) {
    return policy.allows(staff, permission);
  }

  /**
   * Forgets what this replica remembered about an organisation's onboarding: call it once a change to it has
   * committed, so that no check can read the state before the change after it has been forgotten.
   */
  public void forget(String odsCode) {
    synchronized (changing) {
      changes++;
      onboardedUntil.keySet().removeIf(key -> key.startsWith(odsCode + "|"));
    }
  }

  /** Emits the member of staff once their organisation and roster entry are found in order. */
  private Uni<StaffMember> onboarded(StaffMember staff) {
    if (policy.actsForOperator(staff)) {
      return Uni.createFrom().item(staff);
    }
    String key = staff.organisation().value() + "|" + staff.id();
    Instant until = onboardedUntil.get(key);
    if (until != null && until.isAfter(clock.instant())) {
      return Uni.createFrom().item(staff);
    }
    long changesBefore = changes;
    return Panache.withSession(() -> checkOnboarded(staff))
        .map(checked -> {
          remember(key, changesBefore);
          return staff;
        });
  }

  private void remember(String key, long changesBefore) {
    synchronized (changing) {
      if (changes == changesBefore) {
        onboardedUntil.put(key, clock.instant().plus(config.onboardingCache()));
      }
    }
  }

  private Uni<Void> checkOnboarded(StaffMember staff) {
    LocalDate today = LocalDate.now(clock);
    String ods = staff.organisation().value();
    return organisations.findById(ods).chain(organisation -> {
      if (organisation == null) {
        throw denied("organisation-not-onboarded", "Your organisation " + ods + " has not joined this service");
      }
      String problem = organisation.agreementProblem(today);
      if (problem != null) {
        throw denied("organisation-not-onboarded", "Your organisation " + ods + " " + problem);
      }
      String toolkit = rules.dsptProblem(organisation, today);
      if (toolkit != null) {
        throw denied("data-security-standards-not-met", "Your organisation " + ods + " " + toolkit);
      }
      return roster.findMember(ods, staff.id());
    }).invoke(member -> {
      if (member == null) {
        throw denied("not-on-roster", "You are not on the list of trained, authorised staff of " + ods);
      }
      String training = rules.trainingProblem(member, today);
      if (training != null) {
        throw denied("training-not-completed", training);
      }
    }).replaceWithVoid();
  }

  private static ProblemException permissionDenied(StaffMember staff, Permission permission) {
    return denied("permission-denied", "Your role " + staff.jobRoleCode()
        + (staff.roleName().isBlank() ? "" : " (" + staff.roleName() + ")") + " does not allow "
        + permission.name().toLowerCase().replace('_', ' '));
  }

  private static ProblemException denied(String slug, String detail) {
    return new ProblemException(Problem.of(slug, "Not allowed", 403, detail));
  }
}
