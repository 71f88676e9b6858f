package org.openucp.portal.reconsent.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.openucp.portal.reconsent.ReconsentConfig;
import org.openucp.portal.reconsent.client.ReconsentNotificationClient;
import org.openucp.portal.reconsent.client.ReconsentNotificationClient.Notification;
import org.openucp.portal.reconsent.client.ReconsentNotificationClient.OutcomeReport;
import org.openucp.portal.reconsent.repository.ReconsentEmailRepository;

/**
 * Tells patients that their consent is needed again because the privacy notice changed its purposes: the clinical API
 * lists whom to tell; this job emails each patient at the address the portal knows for them, and reports what it
 * could do. A patient it has no address for is reported as such (their care team has a task to reach them), and one
 * email failing never holds up the rest. Safe with several replicas: each notification is taken by one, and never
 * emailed twice, even across crashes.
 */
@ApplicationScoped
public class ReconsentEmails {

  public static final String SUBJECT = "Your urgent care plan: we need your consent again";
  public static final String EMAILED = "EMAILED";
  public static final String NO_EMAIL_KNOWN = "NO_EMAIL_KNOWN";
  public static final String SEND_FAILED = "SEND_FAILED";

  private static final Logger LOG = Logger.getLogger(ReconsentEmails.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));
  /** The clinical API lists a notification no more once it has an outcome: a month is ample to remember it. */
  private static final Duration REMEMBERED = Duration.ofDays(30);

  private final ReconsentNotificationClient clinical;
  private final ReconsentEmailRepository handled;
  private final ReactiveMailer mailer;
  private final ReconsentConfig config;
  private final Clock clock;

  public ReconsentEmails(@RestClient ReconsentNotificationClient clinical, ReconsentEmailRepository handled,
      ReactiveMailer mailer, ReconsentConfig config, Clock clock) {
    this.clinical = clinical;
    this.handled = handled;
    this.mailer = mailer;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(identity = "reconsent-emails", every = "${portal.reconsent.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return notifyPending().onFailure().invoke(e -> LOG.warnf("Re-consent emails not sent this time: %s",
        e.toString())).onFailure().recoverWithNull().replaceWithVoid();
  }

  /** One run: emits how many notifications were dealt with and reported. */
  public Uni<Integer> notifyPending() {
    return clinical.pending(config.batchSize()).chain(pending -> Multi.createFrom().iterable(pending.items())
            .onItem().transformToUniAndConcatenate(this::handle)
            .filter(Objects::nonNull)
            .collect().asList())
        .call(() -> handled.forgetHandledBefore(clock.instant().minus(REMEMBERED)))
        .map(List::size);
  }

  /**
   * Deals with one notification and reports the outcome; null when another replica is dealing with it, or when this
   * one could not finish (the next run carries on from what is recorded here).
   */
  private Uni<String> handle(Notification notification) {
    Instant now = clock.instant();
    return handled.claim(notification.id(), now).chain(claimed -> {
      if (claimed) {
        return reach(notification).call(outcome -> handled.handled(notification.id(), outcome, clock.instant()));
      }
      // Taken before: report what was done (the report may have been lost), or give up on a replica that died.
      Instant staleBefore = now.minus(config.claimLease());
      return handled.handling(notification.id(), staleBefore).chain(handling -> {
        if (handling == null || handling.outcome() == null && !handling.stale()) {
          return Uni.createFrom().<String>nullItem();
        }
        if (handling.outcome() != null) {
          return Uni.createFrom().item(handling.outcome());
        }
        // Whether that replica emailed before it died is unknown: say so, rather than risk a second email.
        return handled.handled(notification.id(), SEND_FAILED, now)
            .chain(() -> handled.handling(notification.id(), staleBefore))
            .map(settled -> settled.outcome());
      });
    }).call(outcome -> outcome == null ? Uni.createFrom().voidItem()
        : clinical.report(notification.id(), new OutcomeReport(outcome)))
        // The next run reports what was done (or finds it taken): never emails again.
        .onFailure().recoverWithItem(failure -> {
          LOG.warnf("Re-consent notification %s not dealt with this time: %s", notification.id(), failure.toString());
          return null;
        });
  }

  /** Emails the patient if the portal knows where; never fails. */
  private Uni<String> reach(Notification notification) {
    return handled.emailOf(notification.nhsNumber()).chain(address -> {
      if (address == null) {
        return Uni.createFrom().item(NO_EMAIL_KNOWN);
      }
      return mailer.send(Mail.withText(address, SUBJECT, text(notification)))
          .replaceWith(EMAILED)
          .onFailure().recoverWithItem(failure -> {
            LOG.warnf("Re-consent email could not be sent (%s)", failure.getClass().getSimpleName());
            return SEND_FAILED;
          });
    });
  }

  /** No clinical content: what changed, what to do, by when, and what happens otherwise. */
  static String text(Notification notification) {
    String where = notification.noticeUrl() == null || notification.noticeUrl().isBlank()
        ? "Your GP practice or care team can show you the new notice."
        : "You can read the new notice at " + notification.noticeUrl();
    return """
        Hello,

        We have updated our privacy notice (version %s). It changes what your urgent care plan is used for, so we
        need your consent again. %s

        Please talk to your GP practice or care team before %s to give your consent again, or to tell them you do
        not want a plan any more.

        If we do not hear from you by then, your plan will be kept but not shared with urgent care services (such as
        ambulance crews and NHS 111) until you give your consent again.

        Open UCP
        """.formatted(notification.noticeVersion(), where, DAY.format(notification.dueAt()));
  }
}
