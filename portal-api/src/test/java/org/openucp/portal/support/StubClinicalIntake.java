package org.openucp.portal.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucp.model.api.ApiVersion;

/**
 * Stands in for the clinical API's intake in the portal's own tests, recording what the relay sent, and for its
 * patient access, serving the plans a test published (404 for any other), and for its list of the organisations
 * that receive submissions. The real intake
 * is exercised by the clinical API's tests and, end to end with both services, by the system test.
 */
public final class StubClinicalIntake implements AutoCloseable {

  /** One delivery as the intake saw it. */
  public record Delivery(String authorization, String idempotencyKey, String body, String traceParent) {
  }

  /** One patient-access request: where, and the proof of the person it carried. */
  public record PatientAccessCall(String path, String patientToken, String proxyAssertion, String viewer) {
  }

  private static final Pattern PLAN_PATH = Pattern.compile(ApiVersion.PATH + "/patient-access/(\\d{10})/plan");
  private static final Pattern STATUS_PATH = Pattern.compile(ApiVersion.PATH + "/patient-access/(\\d{10})/status");
  private static final Pattern WITHDRAWAL_PATH = Pattern.compile(ApiVersion.PATH + "/patient-access/(\\d{10})/consent-withdrawal");
  private static final Pattern ACCESS_LOG_PATH = Pattern.compile(ApiVersion.PATH + "/patient-access/(\\d{10})/access-log");
  private static final Pattern RIGHTS_PATH = Pattern.compile(ApiVersion.PATH + "/patient-access/(\\d{10})/rights-requests");

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<PatientAccessCall> patientAccessCalls = new CopyOnWriteArrayList<>();
  private final Map<String, String> publishedPlans = new ConcurrentHashMap<>();
  private final Map<String, String> statuses = new ConcurrentHashMap<>();
  private final Map<String, String> notices = new ConcurrentHashMap<>();
  private final Map<String, Instant> noticeTimes = new ConcurrentHashMap<>();
  private final List<String> acknowledged = new CopyOnWriteArrayList<>();
  private final List<String> rightsRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger recipientReads = new AtomicInteger();
  private volatile int failWithStatus;
  private volatile Duration answerDelay = Duration.ZERO;

  private StubClinicalIntake(HttpServer server) {
    this.server = server;
    server.createContext(ApiVersion.PATH + "/intake/submitted-drafts", this::handle);
    server.createContext(ApiVersion.PATH + "/patient-access/", this::patientAccess);
    server.createContext(ApiVersion.PATH + "/intake/recipients", this::recipients);
    server.createContext(ApiVersion.PATH + "/withdrawal-notices", this::withdrawalNotices);
    // A delivery answered late must not hold up the other calls.
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public static StubClinicalIntake start() {
    try {
      return new StubClinicalIntake(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many times the list of organisations that receive submissions was asked for. */
  public int recipientReads() {
    return recipientReads.get();
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  public List<PatientAccessCall> patientAccessCalls() {
    return List.copyOf(patientAccessCalls);
  }

  /** The bodies of the rights requests patients raised through the portal, as the clinical API received them. */
  public List<String> rightsRequests() {
    return List.copyOf(rightsRequests);
  }

  /** From now on answer every delivery with this status (0: accept). */
  public void failWith(int status) {
    failWithStatus = status;
  }

  /** From now on answer each delivery only after this long. */
  public void answerDeliveriesAfter(Duration delay) {
    answerDelay = delay;
  }

  public void reset() {
    answerDelay = Duration.ZERO;
    deliveries.clear();
    patientAccessCalls.clear();
    publishedPlans.clear();
    statuses.clear();
    notices.clear();
    noticeTimes.clear();
    acknowledged.clear();
    rightsRequests.clear();
    failWithStatus = 0;
  }

  /** From now on {@code GET /patient-access/{nhsNumber}/status} answers with this status. */
  public void status(String nhsNumber, String statusJson) {
    statuses.put(nhsNumber, statusJson);
  }

  /** The clinical API has a withdrawal notice for this patient, until the portal acknowledges it. */
  public String noticeWithdrawal(String nhsNumber) {
    return noticeWithdrawal(nhsNumber, Instant.now());
  }

  public String noticeWithdrawal(String nhsNumber, Instant withdrawnAt) {
    String id = UUID.randomUUID().toString();
    noticeTimes.put(id, withdrawnAt);
    notices.put(id, nhsNumber);
    return id;
  }

  public List<String> acknowledgedNotices() {
    return List.copyOf(acknowledged);
  }

  /** From now on {@code GET /patient-access/{nhsNumber}/plan} answers with this published plan. */
  public void publishPlan(String nhsNumber, String planJson) {
    publishedPlans.put(nhsNumber, planJson);
  }

  private void patientAccess(HttpExchange exchange) throws IOException {
    patientAccessCalls.add(new PatientAccessCall(exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders().getFirst("X-Patient-Token"),
        exchange.getRequestHeaders().getFirst("X-Proxy-Assertion"), exchange.getRequestHeaders().getFirst("X-Viewer")));
    Matcher plan = PLAN_PATH.matcher(exchange.getRequestURI().getPath());
    Matcher statusPath = STATUS_PATH.matcher(exchange.getRequestURI().getPath());
    Matcher withdrawal = WITHDRAWAL_PATH.matcher(exchange.getRequestURI().getPath());
    Matcher rights = RIGHTS_PATH.matcher(exchange.getRequestURI().getPath());
    Matcher accessLog = ACCESS_LOG_PATH.matcher(exchange.getRequestURI().getPath());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (rights.matches() && "POST".equals(exchange.getRequestMethod())) {
      rightsRequests.add(body);
    }
    String published = plan.matches() && "GET".equals(exchange.getRequestMethod())
        ? publishedPlans.get(plan.group(1))
        : statusPath.matches() ? statuses.get(statusPath.group(1))
        : withdrawal.matches() ? "{\"requestedBy\":\"PATIENT\",\"planErased\":true,\"submissionsDeleted\":1}"
        : rights.matches() && "POST".equals(exchange.getRequestMethod())
        ? "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"OPEN\"}"
        : rights.matches() ? page(rightsRequests)
        : accessLog.matches() ? accessLogPage(exchange.getRequestURI().getRawQuery())
        : null;
    int status = failWithStatus != 0 ? failWithStatus : published == null ? 404
        : rights.matches() && "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
    byte[] response = (status < 300 ? published : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(status, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  /** The organisations that receive submissions: the two demo practices. */
  private void recipients(HttpExchange exchange) throws IOException {
    recipientReads.incrementAndGet();
    byte[] response = page(List.of("""
        {"odsCode":"A83008","name":"Demo Medical Practice","type":"GP_PRACTICE"}""", """
        {"odsCode":"B82005","name":"Second Demo Practice","type":"GP_PRACTICE"}""")).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  private void withdrawalNotices(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if ("DELETE".equals(exchange.getRequestMethod())) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      acknowledged.add(id);
      notices.remove(id);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    List<String> pending = new ArrayList<>();
    notices.forEach((id, nhsNumber) -> pending.add("{\"id\":\"" + id + "\",\"nhsNumber\":\"" + nhsNumber
        + "\",\"withdrawnAt\":\"" + noticeTimes.get(id) + "\"}"));
    byte[] response = page(pending).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Authorization"), key, body,
        exchange.getRequestHeaders().getFirst("traceparent")));
    int status = failWithStatus;
    try {
      Thread.sleep(answerDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] response = status == 0
        ? ("{\"submissionId\":\"" + UUID.randomUUID() + "\",\"draftId\":\"" + key + "\",\"receivedAt\":\""
            + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8)
        : "{\"status\":503}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", status == 0 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(status == 0 ? 201 : status, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Three accesses, one a page (as with {@code size=1}): the page the query asks for, with a next link (into the
   * clinical API) on all but the last.
   */
  private static String accessLogPage(String query) {
    int page = query == null || !query.contains("page=") ? 0
        : Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1"));
    String next = page < 2 ? ",\"next\":\"/v1/patient-access/x/access-log?page=" + (page + 1) + "\"" : "";
    return "{\"items\":[{\"at\":\"2026-12-0" + (page + 1) + "T10:00:00Z\",\"role\":\"Paramedic\","
        + "\"organisation\":\"RRU\",\"action\":\"urgent-care.lookup\"}],\"total\":3,"
        + "\"links\":{\"self\":\"/v1/patient-access/x/access-log\"" + next + "}}";
  }

  /** A whole list in the clinical API's page shape. */
  public static String page(List<String> items) {
    return "{\"items\":[" + String.join(",", items) + "],\"total\":" + items.size()
        + ",\"links\":{\"self\":\"/\"}}";
  }
}
