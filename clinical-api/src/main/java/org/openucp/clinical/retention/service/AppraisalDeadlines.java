package org.openucp.clinical.retention.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.openucp.clinical.governance.Deadline;
import org.openucp.clinical.governance.DeadlineSource;
import org.openucp.clinical.retention.RetentionAppraisal;
import org.openucp.clinical.retention.config.RetentionConfig;
import org.openucp.clinical.retention.repository.RetentionAppraisalRepository;

/**
 * Appraisals waiting for a decision, on information governance's deadlines: each is due
 * {@code clinical.retention.appraise-within} after it fell due (the end of the minimum period, or a review date).
 */
@ApplicationScoped
public class AppraisalDeadlines implements DeadlineSource {

  public static final String KIND = "retention.appraisal";
  private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  private final RetentionAppraisalRepository appraisals;
  private final RetentionConfig config;

  public AppraisalDeadlines(RetentionAppraisalRepository appraisals, RetentionConfig config) {
    this.appraisals = appraisals;
    this.config = config;
  }

  @Override
  public Uni<List<Deadline>> dueBefore(Instant until, Instant now) {
    return appraisals.open().map(open -> {
      List<Deadline> due = new ArrayList<>();
      for (RetentionAppraisal appraisal : open) {
        Instant dueAt = appraisal.dueOn.plus(config.appraiseWithin()).atStartOfDay(ENGLAND).toInstant();
        if (dueAt.isBefore(until)) {
          due.add(new Deadline(KIND, appraisal.id.toString(), "Appraise " + describe(appraisal)
              + ": minimum retention ended on " + appraisal.minimumEndsOn, dueAt, !dueAt.isAfter(now)));
        }
      }
      return due;
    });
  }

  private static String describe(RetentionAppraisal appraisal) {
    return switch (appraisal.recordClass) {
      case ADULT_PLAN -> "an adult's plan";
      case CHILD_PLAN -> "a child's plan";
      case COMPLAINT -> "a complaint";
      case INCIDENT -> "an incident";
      case SERIOUS_INCIDENT -> "a serious incident";
      default -> appraisal.recordClass.name().toLowerCase().replace('_', ' ');
    };
  }
}
