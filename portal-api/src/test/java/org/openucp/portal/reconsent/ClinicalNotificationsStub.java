package org.openucp.portal.reconsent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucp.model.api.ApiVersion;
import org.openucp.portal.support.StubClinicalIntake;

/**
 * Stands in for the clinical API's re-consent notifications in the portal's tests: lists what a test queued until
 * the portal reports an outcome for it, and records each report and the credentials it came with. The real list is
 * exercised by the clinical API's tests.
 */
public final class ClinicalNotificationsStub implements QuarkusTestResourceLifecycleManager {

  /** One report as the clinical API saw it. */
  public record Report(String id, String body, String authorization) {
  }

  private static final Pattern OUTCOME_PATH = Pattern.compile(ApiVersion.PATH + "/reconsent-notifications/([0-9a-f-]{36})/outcome");

  private HttpServer server;
  private final Map<String, String> pending = new ConcurrentHashMap<>();
  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private final List<String> listedWith = new CopyOnWriteArrayList<>();
  private final AtomicInteger reportsToRefuse = new AtomicInteger();

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(ApiVersion.PATH + "/reconsent-notifications", this::handle);
    server.start();
    return Map.of("quarkus.rest-client.clinical-notifications.url",
        "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(this, new TestInjector.MatchesType(ClinicalNotificationsStub.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  public void reset() {
    pending.clear();
    reports.clear();
    listedWith.clear();
    reportsToRefuse.set(0);
  }

  /** The clinical API asks the portal to tell this patient; emits the notification's id. */
  public String notify(String nhsNumber, String noticeVersion, String noticeUrl, Instant dueAt) {
    String id = UUID.randomUUID().toString();
    pending.put(id, "{\"id\":\"" + id + "\",\"nhsNumber\":\"" + nhsNumber + "\",\"noticeId\":\"" + UUID.randomUUID()
        + "\",\"noticeVersion\":\"" + noticeVersion + "\",\"noticeUrl\":"
        + (noticeUrl == null ? "null" : "\"" + noticeUrl + "\"") + ",\"dueAt\":\"" + dueAt + "\",\"createdAt\":\""
        + Instant.now() + "\"}");
    return id;
  }

  /** The next reports are answered 503 and not recorded, as when the clinical API is down. */
  public void refuseReports(int count) {
    reportsToRefuse.set(count);
  }

  public List<Report> reports() {
    return List.copyOf(reports);
  }

  /** The Authorization header of each listing. */
  public List<String> listings() {
    return List.copyOf(listedWith);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if ("GET".equals(exchange.getRequestMethod()) && path.equals(ApiVersion.PATH + "/reconsent-notifications")) {
      listedWith.add(String.valueOf(authorization));
      respond(exchange, 200, StubClinicalIntake.page(List.copyOf(pending.values())));
      return;
    }
    Matcher outcome = OUTCOME_PATH.matcher(path);
    if ("PUT".equals(exchange.getRequestMethod()) && outcome.matches()) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (reportsToRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        respond(exchange, 503, "{\"status\":503}");
        return;
      }
      reports.add(new Report(outcome.group(1), body, authorization));
      pending.remove(outcome.group(1));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    respond(exchange, 404, "{\"status\":404}");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
