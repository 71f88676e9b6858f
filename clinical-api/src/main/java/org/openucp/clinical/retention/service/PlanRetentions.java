package org.openucp.clinical.retention.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.UUID;
import org.openucp.clinical.access.AccessConfig;
import org.openucp.clinical.plan.PlanContentCodec;
import org.openucp.clinical.retention.RetentionTrigger;
import org.openucp.clinical.retention.config.RetentionConfig;
import org.openucp.clinical.retention.repository.PlanRetentionRepository;
import org.openucp.clinical.retention.service.RetentionSchedule.Retention;
import org.openucp.model.plan.PlanContent;

/** A plan's minimum retention worked out from what is stored about it now. */
@ApplicationScoped
public class PlanRetentions {

  private final PlanRetentionRepository repository;
  private final RetentionSchedule schedule;
  private final RetentionConfig config;
  private final AccessConfig access;
  private final PlanContentCodec codec;

  public PlanRetentions(PlanRetentionRepository repository, RetentionSchedule schedule, RetentionConfig config,
      AccessConfig access, PlanContentCodec codec) {
    this.repository = repository;
    this.schedule = schedule;
    this.config = config;
    this.access = access;
    this.codec = codec;
  }

  /** The plan's facts as stored now, or null when it is gone. */
  public Uni<PlanRetentionFacts> factsOf(UUID planId) {
    return repository.factsOf(planId, operator(), deathStarts());
  }

  public Retention retentionOf(PlanRetentionFacts facts) {
    return schedule.forPlan(dateOfBirth(facts.content()), facts.lastSeen(), facts.diedOn());
  }

  /** The operator's organisation, whose staff's reads do not count as the person being seen. */
  public String operator() {
    return access.operatorOrganisation();
  }

  public boolean deathStarts() {
    return config.adultPlan().trigger() == RetentionTrigger.LAST_SEEN_OR_DEATH;
  }

  /** The person's date of birth in the plan, or null when it is not recorded (or cannot be read). */
  private LocalDate dateOfBirth(String content) {
    if (content == null) {
      return null;
    }
    try {
      PlanContent read = codec.read(content);
      return read.person() == null ? null : read.person().dateOfBirth();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
