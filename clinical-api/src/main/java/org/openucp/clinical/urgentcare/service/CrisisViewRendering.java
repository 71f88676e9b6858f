package org.openucp.clinical.urgentcare.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.web.problem.DatabaseUnavailable;

/**
 * Renders the crisis views that published plans lack in the current {@link CrisisViews#FORMAT}: plans published
 * before views were stored, plans imported in bulk, views rendered by an older release. Until then each lookup of
 * such a plan renders its view itself. Safe with several replicas: each takes rows no other one holds, and a
 * publication in progress keeps its row to itself.
 */
@ApplicationScoped
public class CrisisViewRendering {

  private static final String OUTDATED = """
      SELECT p.plan_id, p.nhs_number, p.version, v.content, v.published_at, v.published_by_name, v.role_code,
             v.role_name, v.organisation, v.organisation_name, v.correction_reason,
             ARRAY(SELECT c.text FROM patient_comment c WHERE c.plan_id = p.plan_id ORDER BY c.recorded_at)
                 AS comment_texts,
             ARRAY(SELECT c.recorded_at FROM patient_comment c WHERE c.plan_id = p.plan_id ORDER BY c.recorded_at)
                 AS comment_times
      FROM published_plan p JOIN plan_version v ON v.plan_id = p.plan_id AND v.version = p.version
      WHERE (p.crisis_view_format IS NULL OR p.crisis_view_format < $1) AND p.plan_id <> ALL ($3::uuid[])
      LIMIT $2
      FOR UPDATE OF p SKIP LOCKED""";

  private static final String STORE = """
      UPDATE published_plan p SET crisis_view = r.view, cpr_review_date = r.cpr_review_date, crisis_view_format = $4
      FROM unnest($1::uuid[], $2::text[], $3::date[]) AS r (plan_id, view, cpr_review_date)
      WHERE p.plan_id = r.plan_id""";

  private static final Logger LOG = Logger.getLogger(CrisisViewRendering.class);

  private final Pool database;
  private final CrisisViews views;
  private final CrisisViewConfig config;
  /** Plans whose stored version this replica could not read: left to each lookup, so that they hold up no other. */
  private final Set<UUID> unreadable = ConcurrentHashMap.newKeySet();

  public CrisisViewRendering(Pool database, CrisisViews views, CrisisViewConfig config) {
    this.database = database;
    this.views = views;
    this.config = config;
  }

  @Scheduled(identity = "crisis-view-rendering", every = "${clinical.urgent-care.crisis-views.render-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> onSchedule() {
    return DatabaseUnavailable.putOffWhileUnavailable(renderMissing().repeat()
        .whilst(rendered -> rendered == config.renderBatch())
        .collect().last().replaceWithVoid());
  }

  /** One batch: emits how many views were rendered. */
  public Uni<Integer> renderMissing() {
    return database.withTransaction(connection -> connection.preparedQuery(OUTDATED)
        .execute(Tuple.of(CrisisViews.FORMAT, config.renderBatch(), unreadable.toArray(UUID[]::new)))
        .chain(rows -> {
          List<UUID> plans = new ArrayList<>(rows.size());
          List<CrisisViews.Rendered> rendered = new ArrayList<>(rows.size());
          for (Row row : rows) {
            UUID plan = row.getUUID("plan_id");
            try {
              rendered.add(views.render(row.getString("nhs_number"), version(row), comments(row)));
              plans.add(plan);
            } catch (RuntimeException e) {
              unreadable.add(plan);
              LOG.warnf("The published version of plan %s could not be rendered as a crisis view: %s", plan,
                  e.getClass().getSimpleName());
            }
          }
          return plans.isEmpty() ? Uni.createFrom().item(0) : store(connection, plans, rendered);
        }));
  }

  private static Uni<Integer> store(SqlConnection connection, List<UUID> plans,
      List<CrisisViews.Rendered> rendered) {
    return connection.preparedQuery(STORE)
        .execute(Tuple.of(plans.toArray(UUID[]::new),
            rendered.stream().map(CrisisViews.Rendered::view).toArray(String[]::new),
            rendered.stream().map(CrisisViews.Rendered::cprReviewDate).toArray(LocalDate[]::new), CrisisViews.FORMAT))
        .replaceWith(plans.size());
  }

  private static List<CrisisView.Comment> comments(Row row) {
    String[] texts = row.getArrayOfStrings("comment_texts");
    OffsetDateTime[] times = row.getArrayOfOffsetDateTimes("comment_times");
    List<CrisisView.Comment> comments = new ArrayList<>(texts.length);
    for (int i = 0; i < texts.length; i++) {
      comments.add(new CrisisView.Comment(texts[i], times[i].toInstant()));
    }
    return comments;
  }

  private static PlanVersion version(Row row) {
    PlanVersion version = new PlanVersion();
    version.planId = row.getUUID("plan_id");
    version.version = row.getInteger("version");
    version.publishedAt = row.getOffsetDateTime("published_at").toInstant();
    version.publishedByName = row.getString("published_by_name");
    version.roleCode = row.getString("role_code");
    version.roleName = row.getString("role_name");
    version.organisation = row.getString("organisation");
    version.organisationName = row.getString("organisation_name");
    version.correctionReason = row.getString("correction_reason");
    version.content = row.getString("content");
    return version;
  }
}
