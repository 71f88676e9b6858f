package org.openucp.stack.bench;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static org.openucp.stack.ServiceProcess.freePort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;
import org.openucp.stack.ServiceProcess;
import org.openucp.stack.StackLayout;

/**
 * For bench/draft-move-benchmark.sh: the clinical API and two portal replicas on one PostgreSQL server; patients (each
 * with their own NHS login token) start drafts and submit them through the portals, alternating replicas, and the
 * drafts are timed until every one is in the clinical store and gone from the portal. Counts both databases at the end
 * to show that none was lost or delivered twice. Prints RESULT lines.
 */
public final class DraftMoveBenchmark {

  private static final System.Logger LOG = System.getLogger(DraftMoveBenchmark.class.getName());

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String DRAFT = """
      {"organisation":"A83008","postcode":"SW3 6JJ","email":"patient@example.org","preferredPlaceOfCare":"HOME",\
      "functionalLevel":"LIMITED_SELF_CARE","thoughtsAboutFutureCare":"At home if I can, with my dog.",\
      "keySupporter":{"name":"Mary Smith","relationship":"Daughter","phone":"020 7946 0000"}}""";

  private DraftMoveBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    // The result lines alone, as the benchmark script reads them from the log.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%6$s%n");
    int count = Integer.parseInt(args.length > 0 ? args[0] : "5000");
    int concurrency = Integer.parseInt(args.length > 1 ? args[1] : "32");
    double rate = Double.parseDouble(args.length > 2 ? args[2] : "0");
    Path out = Path.of(args.length > 3 ? args[3] : "target/bench-drafts");
    Files.createDirectories(out);
    StackLayout layout = StackLayout.find();
    try (EmbeddedDatabase database = EmbeddedDatabase.start(0, List.of("clinical", "portal", "bench"));
         LocalIssuer issuer = LocalIssuer.start(0, Personas.ALL);
         ServiceProcess clinical = ServiceProcess.start("clinical-api", layout.clinicalJar(), freePort(),
             ServiceConfig.clinical(database, issuer), out)) {
      clinical.awaitReady(Duration.ofMinutes(3));
      Map<String, String> portalConfig = new HashMap<>(ServiceConfig.portal(database, issuer, clinical.baseUrl()));
      portalConfig.putAll(settings(System.getenv().getOrDefault("PORTAL_CONFIG", "")));
      try (ServiceProcess first = ServiceProcess.start("portal-api-1", layout.portalJar(), freePort(), portalConfig,
              out);
           ServiceProcess second = ServiceProcess.start("portal-api-2", layout.portalJar(), freePort(), portalConfig,
              out)) {
        first.awaitReady(Duration.ofMinutes(3));
        second.awaitReady(Duration.ofMinutes(3));
        DemoOnboarding.onboard(clinical.apiUrl(), issuer, Personas.STAFF);
        List<ServiceProcess> portals = List.of(first, second);
        Files.writeString(out.resolve("stack.env"), "PG_PORT=" + database.port() + "\nPG_USER="
            + EmbeddedDatabase.USER + "\nPG_PASSWORD=" + EmbeddedDatabase.PASSWORD + "\nCLINICAL_PID="
            + clinical.pid() + "\nPORTAL_PIDS=\"" + first.pid() + " " + second.pid() + "\"\n");

        // The JIT compiles the services' hot paths during the first few thousand requests; on two shared cores that
        // takes as much CPU as the requests themselves, so with WARMUP=n the timed drafts follow n warm-up drafts that
        // go the whole way first.
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "0"));
        if (warmup > 0) {
          List<String> warmTokens = tokens(issuer, warmup);
          String[] warmIds = create(portals, warmTokens, concurrency, "warm-up create");
          submit(portals, warmTokens, warmIds, concurrency, 0, "warm-up submit");
          awaitMoved(database, submitted(warmIds));
        }
        List<String> tokens = tokens(issuer, count);
        // Each patient's first request to a replica verifies their token in full, as it would in production.
        String[] ids = create(portals, tokens, concurrency, "create");

        Files.writeString(out.resolve("ready"), "ready\n");
        awaitFile(out.resolve("go"));
        long submitting = System.nanoTime();
        submit(portals, tokens, ids, concurrency, rate, "submit");
        List<UUID> submitted = submitted(ids);
        awaitMoved(database, submitted);
        double moveSeconds = (System.nanoTime() - submitting) / 1e9;
        LOG.log(INFO, String.format(
            "RESULT phase=move drafts=%d seconds=%.2f per_second=%.1f", submitted.size(),
            moveSeconds, submitted.size() / moveSeconds));
        Files.writeString(out.resolve("timed"), "timed\n");

        long inClinical = count(database, "clinical",
            "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ANY(?)", submitted);
        long distinctInClinical = count(database, "clinical",
            "SELECT count(DISTINCT source_draft_id) FROM submitted_draft WHERE source_draft_id = ANY(?)", submitted);
        long allInClinical = count(database, "clinical", "SELECT count(*) FROM submitted_draft", null);
        long leftInPortal = count(database, "portal", "SELECT count(*) FROM draft WHERE id = ANY(?)", submitted);
        long leftInOutbox = count(database, "portal", "SELECT count(*) FROM draft_outbox", null);
        long delivered = count(database, "portal", "SELECT count(*) FROM submission_receipt"
            + " WHERE delivered_at IS NOT NULL AND draft_id = ANY(?)", submitted);
        LOG.log(INFO, String.format(
            "RESULT phase=check created=%d submitted=%d in_clinical=%d distinct_in_clinical=%d"
                + " all_in_clinical=%d (warm-up %d) left_in_portal=%d left_in_outbox=%d receipts_delivered=%d", count,
            submitted.size(), inClinical, distinctInClinical, allInClinical, warmup, leftInPortal, leftInOutbox,
            delivered));
        try (Connection connection = database.connect("portal");
             PreparedStatement query = connection.prepareStatement("""
                 SELECT count(*) / extract(epoch FROM max(delivered_at) - min(submitted_at)),
                     percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (
                         ORDER BY extract(epoch FROM delivered_at - submitted_at) * 1000),
                     max(extract(epoch FROM delivered_at - submitted_at) * 1000)
                 FROM submission_receipt WHERE delivered_at IS NOT NULL AND draft_id = ANY(?)""")) {
          query.setArray(1, uuids(connection, submitted));
          try (ResultSet result = query.executeQuery()) {
            result.next();
            Double[] percentiles = (Double[]) result.getArray(2).getArray();
            LOG.log(INFO, String.format(
            "RESULT phase=latency receipts_per_second=%.1f move_p50_ms=%.0f move_p90_ms=%.0f"
                    + " move_p99_ms=%.0f move_max_ms=%.0f", result.getDouble(1), percentiles[0], percentiles[1],
                percentiles[2], result.getDouble(3)));
          }
        }
        awaitFile(out.resolve("done"));
      }
    }
  }

  private static List<String> tokens(LocalIssuer issuer, int count) {
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tokens.add(issuer.token(NhsNumbers.patient(NhsNumbers.fresh()), 3600));
    }
    return tokens;
  }

  /** Each patient starts a draft, alternating replicas; returns the drafts' ids (null where it failed). */
  private static String[] create(List<ServiceProcess> portals, List<String> tokens, int concurrency, String phase)
      throws InterruptedException {
    String[] ids = new String[tokens.size()];
    long creating = System.nanoTime();
    AtomicInteger failures = new AtomicInteger();
    run(tokens.size(), concurrency, 0, i -> send(HttpRequest.newBuilder(
            URI.create(portals.get(i % 2).apiUrl() + "/drafts"))
        .header("Authorization", "Bearer " + tokens.get(i)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(DRAFT)).build(), 201, failures)
        .thenAccept(body -> {
          Matcher id = ID.matcher(body == null ? "" : body);
          if (id.find()) {
            ids[i] = id.group(1);
          }
        }));
    report(phase, tokens.size(), failures.get(), creating);
    return ids;
  }

  /** Each patient submits their draft through the replica that holds their token's first verification. */
  private static void submit(List<ServiceProcess> portals, List<String> tokens, String[] ids, int concurrency,
      double rate, String phase) throws InterruptedException {
    long submitting = System.nanoTime();
    AtomicInteger failures = new AtomicInteger();
    run(ids.length, concurrency, rate, i -> ids[i] == null ? CompletableFuture.completedFuture(null)
        : send(HttpRequest.newBuilder(
                URI.create(portals.get(i % 2).apiUrl() + "/drafts/" + ids[i] + "/submission"))
            .header("Authorization", "Bearer " + tokens.get(i)).header("If-Match", "\"0\"")
            .POST(HttpRequest.BodyPublishers.noBody()).build(), 202, failures));
    report(phase, ids.length, failures.get(), submitting);
  }

  private static void report(String phase, int drafts, int failures, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    LOG.log(INFO, String.format("RESULT phase=%s drafts=%d failures=%d seconds=%.2f per_second=%.1f",
        phase.replace(' ', '-'), drafts, failures, seconds, drafts / seconds));
  }

  private static List<UUID> submitted(String[] ids) {
    List<UUID> submitted = new ArrayList<>();
    for (String id : ids) {
      if (id != null) {
        submitted.add(UUID.fromString(id));
      }
    }
    return submitted;
  }

  /** Until every draft is in the clinical store and gone from the portal, or five minutes have passed. */
  private static void awaitMoved(EmbeddedDatabase database, List<UUID> submitted)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline
        && (count(database, "portal", "SELECT count(*) FROM draft WHERE id = ANY(?)", submitted) > 0
            || count(database, "clinical", "SELECT count(*) FROM submitted_draft WHERE source_draft_id = ANY(?)",
                submitted) < submitted.size())) {
      Thread.sleep(100);
    }
  }

  /** Runs {@code count} requests, {@code concurrency} at a time, at most {@code rate} a second (0: no limit). */
  private static void run(int count, int concurrency, double rate, IntFunction<CompletableFuture<?>> request)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    long started = System.nanoTime();
    List<CompletableFuture<?>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (rate > 0) {
        long due = started + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      inFlight.acquire();
      all.add(request.apply(i).whenComplete((ignored, failure) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  private static CompletableFuture<String> send(HttpRequest request, int expected, AtomicInteger failures) {
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
      if (failure != null || response.statusCode() != expected) {
        if (failures.incrementAndGet() <= 5) {
          LOG.log(WARNING, "FAILED " + request.method() + " " + request.uri().getPath() + ": "
              + (failure != null ? failure : response.statusCode() + " " + response.body()));
        }
        return null;
      }
      return response.body();
    });
  }

  private static long count(EmbeddedDatabase database, String name, String sql, List<UUID> ids) throws SQLException {
    try (Connection connection = database.connect(name); PreparedStatement query = connection.prepareStatement(sql)) {
      if (ids != null) {
        query.setArray(1, uuids(connection, ids));
      }
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private static Array uuids(Connection connection, List<UUID> ids) throws SQLException {
    return connection.createArrayOf("uuid", ids.toArray());
  }

  /** "key=value;key=value" */
  private static Map<String, String> settings(String settings) {
    Map<String, String> parsed = new HashMap<>();
    for (String setting : settings.split(";")) {
      if (!setting.isBlank()) {
        String[] parts = setting.split("=", 2);
        parsed.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
      }
    }
    return parsed;
  }

  private static void awaitFile(Path file) throws InterruptedException {
    while (!Files.exists(file)) {
      Thread.sleep(200);
    }
  }
}
