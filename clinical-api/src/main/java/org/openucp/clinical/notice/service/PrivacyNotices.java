package org.openucp.clinical.notice.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.notice.PrivacyNotice;
import org.openucp.clinical.notice.PrivacyNotice.Purpose;
import org.openucp.clinical.notice.repository.PrivacyNoticeRepository;
import org.openucp.web.problem.Problem;
import org.openucp.web.problem.ProblemException;

/**
 * The privacy notice in versions, each with the purposes it states. The operator's information governance team
 * publishes them; the newest is the one consent is given under. Publishing one whose purposes were added to or changed
 * asks for consent given under an earlier one again: each patient is to be emailed, each plan's owning organisation
 * gets a task, and after {@code clinical.notices.reconsent-grace} without it the plan is restricted.
 */
@ApplicationScoped
public class PrivacyNotices {

  private final PrivacyNoticeRepository notices;
  private final NoticeConfig config;
  private final AccessGuard access;
  private final Clock clock;

  public PrivacyNotices(PrivacyNoticeRepository notices, NoticeConfig config, AccessGuard access, Clock clock) {
    this.notices = notices;
    this.config = config;
    this.access = access;
    this.clock = clock;
  }

  /** A notice to publish, as the information governance team states it. */
  public record NewNotice(String version, String text, String url, List<Purpose> purposes, Instant effectiveFrom) {
  }

  /** A published notice, how its purposes differ from the one before, and how many consents now need renewing. */
  public record Publication(PrivacyNotice notice, PurposeChanges changes, long consentsFlagged) {
  }

  @WithTransaction
  public Uni<Publication> publish(NewNotice request) {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> {
      requireWellFormed(request);
      // Consents being written finish first, and none starts until this publication has flagged the earlier ones.
      return notices.lockForPublication()
          .chain(() -> notices.versionExists(request.version().strip()))
          .chain(exists -> {
            if (exists) {
              throw ProblemException.conflict("notice-version-exists", "This version is already published",
                  "A privacy notice with version " + request.version().strip() + " is already published: a "
                      + "published notice never changes, so publish the new text as a new version");
            }
            return notices.newest().chain(notices::withPurposes);
          })
          .chain(previous -> {
            if (previous != null && request.effectiveFrom().isBefore(previous.effectiveFrom)) {
              throw unprocessable("effective-before-previous", "effectiveFrom",
                  "A notice cannot take effect before the one it follows (version " + previous.version
                      + ", effective from " + previous.effectiveFrom + ")");
            }
            Instant now = clock.instant();
            PurposeChanges changes = PurposeChanges.between(previous == null ? List.of() : previous.purposes,
                request.purposes());
            PrivacyNotice notice = new PrivacyNotice();
            notice.id = UUID.randomUUID();
            notice.seq = previous == null ? 1 : previous.seq + 1;
            notice.version = request.version().strip();
            notice.text = blankToNull(request.text());
            notice.url = blankToNull(request.url());
            notice.effectiveFrom = request.effectiveFrom();
            notice.publishedAt = now;
            notice.publishedBy = staff.id();
            notice.publishedByName = staff.name();
            notice.reconsentRequired = previous != null && changes.needReconsent();
            notice.reconsentDueAt = notice.reconsentRequired ? now.plus(config.reconsentGrace()) : null;
            notice.purposes = List.copyOf(request.purposes());
            return notices.persistAndFlush(notice)
                .call(() -> notices.insertPurposes(notice))
                .chain(() -> notice.reconsentRequired ? notices.flagEarlierConsents(notice, now)
                    : Uni.createFrom().item(0L))
                .map(flagged -> new Publication(notice, changes, flagged));
          });
    });
  }

  /** Every published notice, oldest first. */
  @WithSession
  public Uni<List<PrivacyNotice>> all() {
    return notices.inPublicationOrder().chain(notices::withPurposes);
  }

  /** The notice consent is given under now. */
  @WithSession
  public Uni<PrivacyNotice> current() {
    return notices.newest().chain(notices::withPurposes);
  }

  @WithSession
  public Uni<PrivacyNotice> get(UUID id) {
    return notices.findById(id).chain(notices::withPurposes)
        .onItem().ifNull().failWith(() -> ProblemException.notFound("Privacy notice " + id));
  }

  /** What bean validation cannot say about a notice: each field is named. */
  private static void requireWellFormed(NewNotice request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (blankToNull(request.text()) == null && blankToNull(request.url()) == null) {
      errors.add(new Problem.FieldError("text", "give the notice's text, or the url where it is published"));
    }
    if (blankToNull(request.url()) != null && !isWebAddress(request.url().strip())) {
      errors.add(new Problem.FieldError("url", "must be an https:// or http:// address"));
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < request.purposes().size(); i++) {
      if (!codes.add(request.purposes().get(i).code())) {
        errors.add(new Problem.FieldError("purposes[" + i + "].code", "is listed more than once"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.of("invalid-notice", "The notice cannot be published as it is", 422,
          "Correct: " + String.join(", ", errors.stream().map(Problem.FieldError::field).toList()))
          .withErrors(errors));
    }
  }

  private static boolean isWebAddress(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static ProblemException unprocessable(String slug, String field, String detail) {
    return new ProblemException(Problem.of(slug, "The notice cannot be published as it is", 422, detail)
        .withErrors(List.of(new Problem.FieldError(field, detail))));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
