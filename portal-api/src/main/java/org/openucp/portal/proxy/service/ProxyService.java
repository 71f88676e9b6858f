package org.openucp.portal.proxy.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.openucp.model.identity.NhsNumber;
import org.openucp.portal.notification.Emails;
import org.openucp.portal.proxy.ProxyConfig;
import org.openucp.portal.proxy.ProxyInvitation;
import org.openucp.portal.proxy.ProxyStatus;
import org.openucp.portal.proxy.repository.ProxyRepository;
import org.openucp.portal.security.Patient;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * Proxies: a patient invites someone by email and date of birth; that person opens the single-use link, signs in,
 * and proves their date of birth and the patient's NHS number; NHS login must have verified the same date of birth
 * and email for them. Hard on guessing: five wrong attempts lock the invitation, one person has a few attempts a
 * day across all invitations, every refusal looks the same, comparisons take the same time whatever is wrong, every
 * attempt is recorded. A patient sends a few invitations a day at most.
 */
@ApplicationScoped
public class ProxyService {

  private static final Logger LOG = Logger.getLogger(ProxyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration DAY = Duration.ofHours(24);

  private final ProxyRepository proxies;
  private final ProxyConfig config;
  private final Emails emails;
  private final Clock clock;
  private final Counter invitationLockouts;
  private final Counter personLockouts;

  public ProxyService(ProxyRepository proxies, ProxyConfig config, Emails emails, Clock clock,
      MeterRegistry registry) {
    this.proxies = proxies;
    this.config = config;
    this.emails = emails;
    this.clock = clock;
    this.invitationLockouts = lockouts(registry, "invitation");
    this.personLockouts = lockouts(registry, "person");
  }

  /** Lockouts: an invitation after too many wrong answers, or a person after too many attempts in a day. */
  private static Counter lockouts(MeterRegistry registry, String scope) {
    return Counter.builder("openucp.proxy.lockouts").description("Proxy invitations or people locked out by guessing")
        .tag("scope", scope).register(registry);
  }

  /** The result of one attempt to prove an invitation. */
  enum Outcome {
    ACCEPTED,
    WRONG_DETAILS,
    LOCKED_NOW,
    NOT_USABLE,
    UNKNOWN_LINK,
    TOO_MANY_ATTEMPTS
  }

  /**
   * Invites a proxy and emails them the link; the link's token exists only in that email. Refused, with nothing
   * stored or sent, when the patient has already sent the most invitations allowed in the last 24 hours.
   */
  public Uni<ProxyInvitation> invite(Patient patient, String proxyEmail, LocalDate proxyBirthdate) {
    String token = newToken();
    ProxyInvitation invitation = new ProxyInvitation();
    invitation.id = UUID.randomUUID();
    invitation.patientNhsNumber = patient.nhsNumber().value();
    invitation.patientEmail = patient.email();
    invitation.proxyEmail = proxyEmail;
    invitation.proxyBirthdate = proxyBirthdate;
    invitation.tokenHash = hash(token);
    invitation.status = ProxyStatus.INVITED;
    invitation.createdAt = clock.instant();
    invitation.expiresAt = invitation.createdAt.plus(config.invitationValidity());
    String patientKey = "proxy-invitations/" + invitation.patientNhsNumber;
    return Panache.withTransaction(() -> proxies.serialise(patientKey)
            .chain(() -> proxies.invitedSince(invitation.patientNhsNumber, invitation.createdAt.minus(DAY)))
            .chain(recent -> {
              int allowed = config.maxInvitationsPerDay();
              if (recent.size() >= allowed) {
                throw tooManyInvitations(recent.get(recent.size() - allowed).plus(DAY));
              }
              return proxies.persist(invitation);
            }))
        .call(saved -> emails.proxyInvitation(proxyEmail, config.invitationUrl() + "?token=" + token,
            config.invitationValidity().toDays()));
  }

  @WithSession
  public Uni<List<ProxyInvitation>> ofPatient(Patient patient) {
    return proxies.ofPatient(patient.nhsNumber().value());
  }

  @WithTransaction
  public Uni<ProxyInvitation> revoke(Patient patient, UUID id) {
    return proxies.findById(id).chain(invitation -> {
      if (invitation == null || !invitation.patientNhsNumber.equals(patient.nhsNumber().value())) {
        throw ProblemException.notFound("Proxy " + id);
      }
      invitation.status = ProxyStatus.REVOKED;
      invitation.revokedAt = clock.instant();
      return proxies.persist(invitation);
    });
  }

  /**
   * One attempt by a signed-in person to prove an invitation. Counted and recorded in its own transaction before
   * the answer is given; the patient hears of a lockout and of a proxy's first access. Beyond the person's daily
   * attempts the invitation is not even looked at.
   */
  public Uni<ProxyInvitation> accept(Patient proxy, String token, LocalDate birthdate, String patientNhsNumber) {
    return Panache.withTransaction(() -> proxies.serialise("proxy-attempts/" + proxy.subject())
        .chain(() -> proxies.attemptsSince(proxy.subject(), clock.instant().minus(DAY)))
        .chain(recent -> recent >= config.maxAttemptsPerUserPerDay()
            ? Uni.createFrom().item(new Attempt(null, Outcome.TOO_MANY_ATTEMPTS))
            : proxies.lockByTokenHash(hash(token))
                .map(invitation -> new Attempt(invitation, judge(invitation, proxy, birthdate, patientNhsNumber))))
        .call(attempt -> {
          ProxyInvitation invitation = attempt.invitation();
          Outcome outcome = attempt.outcome();
          if (outcome == Outcome.ACCEPTED) {
            invitation.status = ProxyStatus.ACTIVE;
            invitation.proxySubject = proxy.subject();
            invitation.acceptedAt = clock.instant();
          } else if (outcome == Outcome.WRONG_DETAILS || outcome == Outcome.LOCKED_NOW) {
            invitation.failedAttempts++;
            if (outcome == Outcome.LOCKED_NOW) {
              invitation.status = ProxyStatus.LOCKED;
              invitationLockouts.increment();
            }
          } else if (outcome == Outcome.TOO_MANY_ATTEMPTS) {
            personLockouts.increment();
          }
          LOG.infof("Proxy attempt by %s on invitation %s: %s", proxy.subject(),
              invitation == null ? "-" : invitation.id, outcome);
          return proxies.recordAttempt(invitation == null ? null : invitation.id, proxy.subject(), outcome.name(),
              clock.instant());
        }))
        .call(attempt -> switch (attempt.outcome()) {
          case ACCEPTED -> emails.proxyActive(attempt.invitation().patientEmail);
          case LOCKED_NOW -> emails.proxyLocked(attempt.invitation().patientEmail);
          default -> Uni.createFrom().item(false);
        })
        .map(attempt -> {
          if (attempt.outcome() != Outcome.ACCEPTED) {
            throw refused();
          }
          return attempt.invitation();
        });
  }

  /** The patients whose plans this person may read as a proxy. */
  @WithSession
  public Uni<List<ProxyInvitation>> patientsOf(Patient proxy) {
    return proxies.activeFor(proxy.subject());
  }

  /** The patient this proxy may read for; refused the same way whatever the reason. */
  @WithSession
  public Uni<ProxyInvitation> openFor(Patient proxy, UUID invitationId) {
    return proxies.findById(invitationId).map(invitation -> {
      if (invitation == null || invitation.status != ProxyStatus.ACTIVE
          || !proxy.subject().equals(invitation.proxySubject)) {
        throw ProblemException.notFound("A patient you may see the plan of");
      }
      return invitation;
    });
  }

  /** Notes, once the proxy has been shown the plan, when they last saw it, for the patient to see. */
  @WithTransaction
  public Uni<Void> noteViewed(ProxyInvitation invitation) {
    return proxies.noteViewed(invitation.id, clock.instant()).replaceWithVoid();
  }

  private record Attempt(ProxyInvitation invitation, Outcome outcome) {
  }

  private Outcome judge(ProxyInvitation invitation, Patient proxy, LocalDate birthdate, String patientNhsNumber) {
    if (invitation == null) {
      return Outcome.UNKNOWN_LINK;
    }
    if (invitation.status != ProxyStatus.INVITED || !invitation.expiresAt.isAfter(clock.instant())) {
      return Outcome.NOT_USABLE;
    }
    String givenNumber = patientNhsNumber == null ? "" : patientNhsNumber.replace(" ", "");
    // All compared, always, in constant time: how long the answer takes says nothing about which was wrong.
    boolean birthdateMatches = sameText(invitation.proxyBirthdate.toString(), String.valueOf(birthdate));
    boolean numberMatches = sameText(invitation.patientNhsNumber, givenNumber);
    // Knowing the link and the details is not enough: the one signed in must be the person invited, as NHS login
    // verified them.
    boolean signedInBirthdateMatches = sameText(invitation.proxyBirthdate.toString(),
        String.valueOf(proxy.birthdate()));
    boolean signedInEmailMatches = sameText(normalised(invitation.proxyEmail), normalised(proxy.email()));
    if (birthdateMatches & numberMatches & signedInBirthdateMatches & signedInEmailMatches) {
      return Outcome.ACCEPTED;
    }
    return invitation.failedAttempts + 1 >= config.maxAttempts() ? Outcome.LOCKED_NOW : Outcome.WRONG_DETAILS;
  }

  private static boolean sameText(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String normalised(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  private ProblemException tooManyInvitations(Instant allowedAgainAt) {
    long seconds = Math.max(1, Duration.between(clock.instant(), allowedAgainAt).toSeconds() + 1);
    return new ProblemException(Problem.of("too-many-invitations", "Too many invitations", 429,
        "You have sent " + config.maxInvitationsPerDay() + " invitations in the last 24 hours, the most allowed. You "
            + "can invite someone again from " + allowedAgainAt.truncatedTo(ChronoUnit.SECONDS) + "."),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  private static ProblemException refused() {
    return new ProblemException(Problem.of("proxy-not-verified", "Not verified", 403,
        "Those details do not match an invitation that you, as signed in, can use. Check them and that you signed "
            + "in with your own NHS login, and try again, or ask for a new invitation."));
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(String.valueOf(token).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
