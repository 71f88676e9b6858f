package org.openucp.portal.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Every email the portal sends, in one place. Emails never carry clinical content; a failure to send is logged and
 * reported as {@code false}, never retried, so that nobody gets the same email twice.
 */
@ApplicationScoped
public class Emails {

  private static final Logger LOG = Logger.getLogger(Emails.class);
  public static final String DRAFT_REMINDER = "Your urgent care plan draft: can we help?";
  public static final String PROXY_INVITATION = "You have been invited to see an urgent care plan";
  public static final String PROXY_ACTIVE = "Someone you invited can now see your urgent care plan";
  public static final String PROXY_LOCKED = "An invitation to see your urgent care plan was locked";

  private final ReactiveMailer mailer;

  public Emails(ReactiveMailer mailer) {
    this.mailer = mailer;
  }

  public Uni<Boolean> draftReminder(String to, long retentionDays) {
    return send(to, DRAFT_REMINDER, """
        Hello,

        You started writing your urgent care plan but have not sent it to your care team yet.
        If you would like help finishing it, reply to this email or ask your GP practice.

        Unsent drafts are deleted %d days after they were last changed.

        Open UCP
        """.formatted(retentionDays));
  }

  public Uni<Boolean> proxyInvitation(String to, String link, long validDays) {
    return send(to, PROXY_INVITATION, """
        Hello,

        Someone has asked for you to be able to see their urgent care plan.
        Open this link within %d days, sign in with NHS login, and confirm your date of birth and their NHS number:

        %s

        If you were not expecting this, you can ignore this email.

        Open UCP
        """.formatted(validDays, link));
  }

  public Uni<Boolean> proxyActive(String to) {
    return send(to, PROXY_ACTIVE, """
        Hello,

        The person you invited has confirmed their details and can now see your urgent care plan.
        You can see when they last looked at it, and take their access away, in the portal at any time.

        Open UCP
        """);
  }

  public Uni<Boolean> proxyLocked(String to) {
    return send(to, PROXY_LOCKED, """
        Hello,

        Someone tried too many times to confirm an invitation to see your urgent care plan, so we have locked it.
        If it was the person you invited, you can invite them again from the portal.

        Open UCP
        """);
  }

  private Uni<Boolean> send(String to, String subject, String text) {
    if (to == null || to.isBlank()) {
      return Uni.createFrom().item(false);
    }
    return mailer.send(Mail.withText(to, subject, text))
        .replaceWith(true)
        .onFailure().recoverWithItem(failure -> {
          LOG.warnf("Email '%s' could not be sent (%s)", subject, failure.getClass().getSimpleName());
          return false;
        });
  }
}
