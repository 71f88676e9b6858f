package org.openucp.clinical.urgentcare.repository;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import org.openucp.clinical.audit.AuditEvent;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.database.GenericPlanPool;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.model.identity.NhsNumber;

/**
 * Reads published plans' crisis views by NHS number and records each read's audit event in the same statement, so
 * that a plan never leaves without its event committed. Lookups that arrive while
 * {@link LookupConfig#concurrentStatements} statements are running wait and go together in the next one: under load
 * one statement carries many lookups (the database's cost per statement, not per row, dominates), and a lone lookup
 * still goes at once.
 */
@ApplicationScoped
public class AuditedLookups {

  /**
   * The published entry, with its crisis view, for each wanted NHS number, and an audit event for each one found.
   * Rows are matched back to lookups by their position ({@code idx}); the same patient may be wanted twice. The
   * events are appended as {@link AuditRepository#insert} appends one.
   */
  private static final String READ_AND_RECORD = """
      WITH wanted AS (
          SELECT * FROM unnest($1::integer[], $2::char(10)[], $3::timestamptz[], $4::varchar[], $5::varchar[],
              $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::integer[], $11::varchar[])
              AS w (idx, nhs_number, occurred_at, actor_id, actor_name, role_code, organisation, action, outcome,
                    http_status, reason)),
      found AS (
          SELECT w.*, p.plan_id, p.version, p.planned_review_date, p.cpr_review_date, p.crisis_view,
              p.crisis_view_format
          FROM wanted w
          JOIN published_plan p ON p.nhs_number = w.nhs_number),
      recorded AS (
          INSERT INTO audit_event (""" + AuditRepository.APPENDED_COLUMNS + """
          ) SELECT occurred_at, actor_id, actor_name, role_code, organisation, nhs_number, plan_id, version, action,
              outcome, http_status, reason
          FROM found ORDER BY idx)
      SELECT idx, nhs_number, plan_id, version, planned_review_date, cpr_review_date, crisis_view, crisis_view_format
      FROM found""";

  private record Lookup(NhsNumber patient, AuditEvent event, Consumer<PublishedPlan> found,
      Consumer<Throwable> failed) {
  }

  private final Pool database;
  private final LookupConfig config;
  private final DistributionSummary batchSizes;
  private final Queue<Lookup> waiting = new ArrayDeque<>();
  private int running;

  public AuditedLookups(@ReactiveDataSource(GenericPlanPool.LOOKUPS) Pool database, LookupConfig config,
      MeterRegistry registry) {
    this.database = database;
    this.config = config;
    this.batchSizes = DistributionSummary.builder("openucp.crisis.lookup.batch.size")
        .description("Crisis lookups carried by one database statement").publishPercentileHistogram()
        .maximumExpectedValue((double) config.maxPerStatement()).register(registry);
  }

  /** The patient's published entry (null when none is published), with {@code event} recorded. */
  public Uni<PublishedPlan> find(NhsNumber patient, AuditEvent event) {
    return Uni.createFrom().emitter(emitter -> {
      Context caller = Vertx.currentContext();
      submit(new Lookup(patient, event,
          found -> onCaller(caller, () -> emitter.complete(found)),
          failure -> onCaller(caller, () -> emitter.fail(failure))));
    });
  }

  private void submit(Lookup lookup) {
    List<Lookup> batch;
    synchronized (this) {
      waiting.add(lookup);
      batch = nextBatch();
    }
    run(batch);
  }

  /** Takes the waiting lookups for a new statement, if one may start; call holding the lock. */
  private List<Lookup> nextBatch() {
    if (waiting.isEmpty() || running >= config.concurrentStatements()) {
      return List.of();
    }
    running++;
    List<Lookup> batch = new ArrayList<>(Math.min(waiting.size(), config.maxPerStatement()));
    while (!waiting.isEmpty() && batch.size() < config.maxPerStatement()) {
      batch.add(waiting.poll());
    }
    return batch;
  }

  private void run(List<Lookup> batch) {
    if (batch.isEmpty()) {
      return;
    }
    batchSizes.record(batch.size());
    database.preparedQuery(READ_AND_RECORD).execute(parameters(batch)).subscribe().with(
        rows -> finish(batch, rows, null),
        failure -> finish(batch, null, failure));
  }

  private void finish(List<Lookup> batch, RowSet<Row> rows, Throwable failure) {
    List<Lookup> next;
    synchronized (this) {
      running--;
      next = nextBatch();
    }
    run(next);
    PublishedPlan[] results = new PublishedPlan[batch.size()];
    Throwable problem = failure;
    if (problem == null) {
      try {
        rows.forEach(row -> results[row.getInteger("idx")] = entry(row));
      } catch (RuntimeException unreadable) {
        problem = unreadable;
      }
    }
    // Every lookup of the batch is answered, whatever happened, so that none waits for ever.
    for (int i = 0; i < batch.size(); i++) {
      if (problem != null) {
        batch.get(i).failed().accept(problem);
      } else {
        batch.get(i).found().accept(results[i]);
      }
    }
  }

  private static Tuple parameters(List<Lookup> batch) {
    int size = batch.size();
    Integer[] idx = new Integer[size];
    String[] patients = new String[size];
    OffsetDateTime[] occurredAt = new OffsetDateTime[size];
    String[] actorIds = new String[size];
    String[] actorNames = new String[size];
    String[] roleCodes = new String[size];
    String[] organisations = new String[size];
    String[] actions = new String[size];
    String[] outcomes = new String[size];
    Integer[] statuses = new Integer[size];
    String[] reasons = new String[size];
    for (int i = 0; i < size; i++) {
      Lookup lookup = batch.get(i);
      AuditEvent event = lookup.event();
      idx[i] = i;
      patients[i] = lookup.patient().value();
      occurredAt[i] = event.occurredAt.atOffset(ZoneOffset.UTC);
      actorIds[i] = event.actorId;
      actorNames[i] = event.actorName;
      roleCodes[i] = event.roleCode;
      organisations[i] = event.organisation;
      actions[i] = event.action;
      outcomes[i] = event.outcome.name();
      statuses[i] = event.httpStatus;
      reasons[i] = event.reason;
    }
    return Tuple.from(new Object[] {idx, patients, occurredAt, actorIds, actorNames, roleCodes, organisations,
        actions, outcomes, statuses, reasons});
  }

  private static PublishedPlan entry(Row row) {
    PublishedPlan entry = new PublishedPlan();
    entry.nhsNumber = row.getString("nhs_number");
    entry.planId = row.getUUID("plan_id");
    entry.version = row.getInteger("version");
    entry.plannedReviewDate = row.getLocalDate("planned_review_date");
    entry.cprReviewDate = row.getLocalDate("cpr_review_date");
    entry.crisisView = row.getString("crisis_view");
    entry.crisisViewFormat = row.getShort("crisis_view_format");
    return entry;
  }

  /** Continues a request on its own Vert.x context, as if its statement had been its own. */
  private static void onCaller(Context caller, Runnable continuation) {
    if (caller == null) {
      continuation.run();
    } else {
      caller.runOnContext(ignored -> continuation.run());
    }
  }
}
