package org.openucp.portal.proxy.service;

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
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
 * and proves their date of birth and the patient's NHS number. Hard on guessing: five wrong attempts lock the
 * invitation, every refusal looks the same, comparisons take the same time whatever is wrong, every attempt is
 * recorded.
 */
@ApplicationScoped
public class ProxyService {

  private static final Logger LOG = Logger.getLogger(ProxyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProxyRepository proxies;
  private final ProxyConfig config;
  private final Emails emails;
  private final Clock clock;

  public ProxyService(ProxyRepository proxies, ProxyConfig config, Emails emails, Clock clock) {
    this.proxies = proxies;
    this.config = config;
    this.emails = emails;
    this.clock = clock;
  }

  /** The result of one attempt to prove an invitation. */
  enum Outcome {
    ACCEPTED,
    WRONG_DETAILS,
    LOCKED_NOW,
    NOT_USABLE,
    UNKNOWN_LINK
  }

  /** Invites a proxy and emails them the link; the link's token exists only in that email. */
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
    return Panache.withTransaction(() -> proxies.persist(invitation))
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

  /** Revokes every proxy of the patient at once, e.g. when they withdraw consent. */
  @WithTransaction
  public Uni<Integer> revokeAll(NhsNumber patient) {
    return proxies.revokeAll(patient.value(), clock.instant());
  }

  /**
   * One attempt by a signed-in person to prove an invitation. Counted and recorded in its own transaction before
   * the answer is given; the patient hears of a lockout and of a proxy's first access.
   */
  public Uni<ProxyInvitation> accept(Patient proxy, String token, LocalDate birthdate, String patientNhsNumber) {
    return Panache.withTransaction(() -> proxies.lockByTokenHash(hash(token)).chain(invitation -> {
          Outcome outcome = judge(invitation, birthdate, patientNhsNumber);
          if (outcome == Outcome.ACCEPTED) {
            invitation.status = ProxyStatus.ACTIVE;
            invitation.proxySubject = proxy.subject();
            invitation.acceptedAt = clock.instant();
          } else if (outcome == Outcome.WRONG_DETAILS || outcome == Outcome.LOCKED_NOW) {
            invitation.failedAttempts++;
            if (outcome == Outcome.LOCKED_NOW) {
              invitation.status = ProxyStatus.LOCKED;
            }
          }
          LOG.infof("Proxy attempt by %s on invitation %s: %s", proxy.subject(),
              invitation == null ? "-" : invitation.id, outcome);
          return proxies.recordAttempt(invitation == null ? null : invitation.id, proxy.subject(), outcome.name(),
                  clock.instant())
              .replaceWith(new Attempt(invitation, outcome));
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

  /** The patient this proxy may read for, noting the view; refused the same way whatever the reason. */
  @WithTransaction
  public Uni<ProxyInvitation> openFor(Patient proxy, UUID invitationId) {
    return proxies.findById(invitationId).map(invitation -> {
      if (invitation == null || invitation.status != ProxyStatus.ACTIVE
          || !proxy.subject().equals(invitation.proxySubject)) {
        throw ProblemException.notFound("A patient you may see the plan of");
      }
      invitation.lastViewedAt = clock.instant();
      return invitation;
    });
  }

  private record Attempt(ProxyInvitation invitation, Outcome outcome) {
  }

  private Outcome judge(ProxyInvitation invitation, LocalDate birthdate, String patientNhsNumber) {
    if (invitation == null) {
      return Outcome.UNKNOWN_LINK;
    }
    if (invitation.status != ProxyStatus.INVITED || !invitation.expiresAt.isAfter(clock.instant())) {
      return Outcome.NOT_USABLE;
    }
    String givenNumber = patientNhsNumber == null ? "" : patientNhsNumber.replace(" ", "");
    // Both compared, always, in constant time: how long the answer takes says nothing about which was wrong.
    boolean birthdateMatches = sameText(invitation.proxyBirthdate.toString(), String.valueOf(birthdate));
    boolean numberMatches = sameText(invitation.patientNhsNumber, givenNumber);
    if (birthdateMatches & numberMatches) {
      return Outcome.ACCEPTED;
    }
    return invitation.failedAttempts + 1 >= config.maxAttempts() ? Outcome.LOCKED_NOW : Outcome.WRONG_DETAILS;
  }

  private static boolean sameText(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static ProblemException refused() {
    return new ProblemException(Problem.of("proxy-not-verified", "Not verified", 403,
        "Those details do not match an invitation that can be used. Check them and try again, or ask for a new "
            + "invitation."));
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
