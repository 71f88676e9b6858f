package org.openucp.clinical.breach.service;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.openucp.clinical.breach.Breach;

/**
 * The plain-language notice a care provider sends patients about a breach that puts them at high risk (UK GDPR
 * Art 34(2)): what happened, what it could mean for them, what was done, what they can do, whom to contact, and
 * their right to complain to the ICO. Short headed sections and no legal terms; it names no patient, so that one
 * text serves every patient and can be published when telling each one would take disproportionate effort.
 */
public final class PatientNotice {

  /** When patients were not told what to do, they are at least told whom to ask. */
  static final String DEFAULT_WHAT_YOU_CAN_DO = "You do not need to reply to this letter. If you are worried, or"
      + " if you notice anything unusual that could be linked to this, please contact us using the details below.";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));

  private PatientNotice() {
  }

  /** The notice for this breach, to the affected patients or, as a public communication, to everyone. */
  public static String text(Breach breach, Breach.NoticeAudience audience, String whatYouCanDo, String contactPoint,
      String serviceName) {
    StringBuilder text = new StringBuilder();
    text.append("Important: a problem with the security of ")
        .append(audience == Breach.NoticeAudience.PUBLIC ? "some patients' information" : "your information")
        .append("\n\n");
    if (audience == Breach.NoticeAudience.PUBLIC) {
      text.append("We are telling everyone who may be affected about a problem with information held by ")
          .append(serviceName).append(". Health and care staff use it to share urgent care plans, so that the")
          .append(" people who look after you in an emergency know what matters to you.\n\n");
    } else {
      text.append("We are writing to tell you about a problem with information about you held by ")
          .append(serviceName).append(". Health and care staff use it to share your urgent care plan, so that the")
          .append(" people who look after you in an emergency know what matters to you.\n\n");
    }
    text.append("What happened\n").append(breach.whatHappened.strip()).append("\n");
    text.append(breach.occurredAt == null ? "We do not yet know exactly when this happened."
        : "This happened on " + DAY.format(breach.occurredAt) + ".");
    text.append(" We found out about it on ").append(DAY.format(breach.awareAt)).append(".\n\n");
    text.append("What this could mean for you\n").append(breach.likelyConsequences.strip()).append("\n\n");
    text.append("What we have done about it\n").append(breach.measuresTaken.strip()).append("\n\n");
    text.append("What you can do\n")
        .append(blank(whatYouCanDo) ? DEFAULT_WHAT_YOU_CAN_DO : whatYouCanDo.strip()).append("\n\n");
    text.append("Who to contact\n").append("If you have any questions, please contact ")
        .append(contactPoint.strip()).append(".\n\n");
    text.append("You can also complain to the Information Commissioner's Office (ICO), which makes sure")
        .append(" organisations look after people's information properly: visit ico.org.uk/make-a-complaint or")
        .append(" call 0303 123 1113.\n\n");
    text.append("We are sorry that this happened.\n");
    return text.toString();
  }

  /** Whether the text is missing or only white space. */
  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
