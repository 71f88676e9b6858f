package org.openucp.clinical.retention.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openucp.clinical.access.AccessGuard;
import org.openucp.clinical.access.Permission;
import org.openucp.clinical.audit.AuditContext;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.audit.repository.AuditRepository.Checkpoint;
import org.openucp.clinical.audit.service.AuditTrail;
import org.openucp.clinical.retention.RecordClass;
import org.openucp.clinical.retention.RetentionTrigger;
import org.openucp.clinical.retention.config.RetentionConfig;
import org.openucp.clinical.retention.repository.PlanRetentionRepository;
import org.openucp.clinical.retention.repository.PlanRetentionRepository.KeptEvent;
import org.openucp.clinical.security.Caller.StaffMember;
import org.openucp.web.problem.ProblemException;

/**
 * The one sanctioned destruction of audit events: the oldest ones, through the end of a sealed block, once the
 * retention of everything they cover has ended. An event about a patient is kept while any record of theirs is held
 * here (plan, submission, rights request, restriction, a complaint concerning them, an incident listing them as
 * affected) or a hold is on them, and every event at least
 * {@code clinical.retention.audit-trail-minimum} after it happened. The chain must verify before anything is
 * destroyed; the database function then records a checkpoint (the last destroyed event's seal hash, the new genesis)
 * from which GET /audit/chain/verification starts, and a stub goes into the destruction log, in one transaction.
 * Any other delete of audit events stays refused by the database.
 */
@ApplicationScoped
public class AuditTrailDestruction {

  /** Where the retained trail stands, and how far it could be destroyed now. */
  @Schema(name = "AuditTrailStatus")
  public record Status(Checkpoint checkpoint, long sealedThroughSeq, Long destroyableThroughSeq,
      Long firstKeptSeq, String keptBecause) {
  }

  static final String METHOD = "Deleted from audit_event and audit_seal by destroy_audit_events in one transaction "
      + "with the checkpoint that verification starts from. Database backups holding them expire with the backup "
      + "rotation.";

  private static final String STUB = """
      INSERT INTO destruction_log (id, record_class, record_id, nhs_number_hash, record_created_at, retention_trigger,
          retention_started_on, minimum_ended_on, destroyed_at, destroyed_by, destroyed_by_name, appraisal_id,
          authority, method, contents)
      VALUES ($1, $2, $3, NULL, $4, $5, NULL, NULL, $6, $7, $8, NULL, $9, $10, $11)""";

  private final PlanRetentionRepository repository;
  private final AuditRepository events;
  private final AuditTrail trail;
  private final RetentionConfig config;
  private final AccessGuard access;
  private final AuditContext audit;
  private final Clock clock;

  public AuditTrailDestruction(PlanRetentionRepository repository, AuditRepository events, AuditTrail trail,
      RetentionConfig config, AccessGuard access, AuditContext audit, Clock clock) {
    this.repository = repository;
    this.events = events;
    this.trail = trail;
    this.config = config;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  public Uni<Status> status() {
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> events.latestCheckpoint()
        .chain(checkpoint -> {
          long after = checkpoint == null ? 0 : checkpoint.throughSeq();
          return repository.sealedThrough(repository.database()).chain(sealed -> firstKept(repository.database(),
              after).chain(kept -> repository.lastSealBefore(after, kept == null ? sealed + 1 : kept.seq())
              .map(destroyable -> new Status(checkpoint, sealed, destroyable, kept == null ? null : kept.seq(),
                  kept == null ? null : why(kept)))));
        }));
  }

  /** Destroys the audit events through {@code throughSeq}; emits the checkpoint recorded. */
  public Uni<Checkpoint> destroy(long throughSeq, String reason) {
    audit.reason(reason);
    return access.require(Permission.MANAGE_INFORMATION_GOVERNANCE).chain(staff -> events.latestCheckpoint()
        .chain(checkpoint -> {
          long after = checkpoint == null ? 0 : checkpoint.throughSeq();
          if (throughSeq <= after) {
            throw RetentionProblems.unprocessable("throughSeq", "events through " + after + " are already destroyed");
          }
          return repository.isSealBoundary(throughSeq).chain(boundary -> {
            if (!boundary) {
              throw RetentionProblems.unprocessable("throughSeq", "must be the last event of a sealed block"
                  + " (see destroyableThroughSeq in GET /retention/audit-trail)");
            }
            // The whole retained trail, not only what was sealed since the last verification: the events about
            // to go must verify now, while they can still be looked at.
            return trail.verify(true);
          }).chain(verification -> {
            if (!verification.intact()) {
              throw ProblemException.conflict("audit-chain-broken", "The audit chain does not verify",
                  "The chain breaks at event " + verification.firstBrokenSeq() + ": " + verification.problem()
                      + ". Nothing is destroyed while it does not verify: destroying would hide the evidence.");
            }
            return repository.database().withTransaction(connection -> repository.lockChainHead(connection)
                .chain(() -> firstKept(connection, after))
                .chain(kept -> {
                  if (kept != null && kept.seq() <= throughSeq) {
                    throw kept.held()
                        ? ProblemException.conflict("records-on-hold", "The records are on hold",
                            "Audit event " + kept.seq() + " is about a patient whose records are on hold: "
                                + "nothing of theirs may be destroyed until the hold is lifted")
                        : ProblemException.conflict("audit-events-still-needed", "Audit events still needed",
                            "Audit event " + kept.seq() + " must be kept: " + why(kept)
                                + ". Destroy only through an earlier point.");
                  }
                  return events.destroyThrough(connection, throughSeq, clock.instant(), staff.id(), staff.name(),
                      reason);
                })
                .call(destroyed -> stub(connection, staff, destroyed)));
          });
        }));
  }

  private Uni<KeptEvent> firstKept(SqlClient client, long after) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Instant recentFrom = today.minus(config.auditTrailMinimum()).atStartOfDay(ZoneOffset.UTC).toInstant();
    return repository.firstKeptEvent(client, after, recentFrom, today);
  }

  private String why(KeptEvent kept) {
    if (kept.nhsNumber() == null || !kept.occurredAt().isBefore(
        LocalDate.now(clock).minus(config.auditTrailMinimum()).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      return "it happened at " + kept.occurredAt() + ", less than " + config.auditTrailMinimum() + " ago";
    }
    return kept.held() ? "a hold is on the patient's records"
        : "a record of the patient it is about is still held";
  }

  private static Uni<Void> stub(SqlClient client, StaffMember staff, Checkpoint destroyed) {
    return client.preparedQuery(STUB).execute(Tuple.from(new Object[] {UUID.randomUUID(),
            RecordClass.AUDIT_TRAIL.name(),
            "audit events " + (destroyed.previousThroughSeq() + 1) + " to " + destroyed.throughSeq(),
            destroyed.oldestEventAt() == null ? null : destroyed.oldestEventAt().atOffset(ZoneOffset.UTC),
            RetentionTrigger.LAST_RECORD_COVERED.name(), destroyed.destroyedAt().atOffset(ZoneOffset.UTC),
            staff.id(), staff.name(),
            "Requested by " + staff.name() + " (" + staff.id() + ", information governance): " + destroyed.reason()
                + "; every event's retention checked ended",
            METHOD,
            destroyed.eventsDestroyed() + " event(s) from " + destroyed.oldestEventAt() + " to "
                + destroyed.newestEventAt() + ", " + destroyed.sealsDestroyed() + " seal(s); checkpoint "
                + destroyed.id() + ", genesis " + destroyed.genesisHash()}))
        .replaceWithVoid();
  }
}
