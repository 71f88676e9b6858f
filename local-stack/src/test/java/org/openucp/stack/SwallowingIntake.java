package org.openucp.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openucp.infra.Personas;
import org.openucp.model.api.ApiVersion;

/**
 * Sits between a portal and the clinical intake and never answers the portal, so that the test can kill the portal
 * while its relay waits. Optionally passes each delivery on to the real intake first: the intake then has the
 * draft although the portal never heard back.
 */
final class SwallowingIntake implements AutoCloseable {

  private final HttpServer server;
  private final String clinicalUrl;
  private final boolean forward;
  private final AtomicInteger received = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newHttpClient();

  private SwallowingIntake(String clinicalUrl, boolean forward) throws IOException {
    this.clinicalUrl = clinicalUrl;
    this.forward = forward;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(ApiVersion.PATH + "/intake/submitted-drafts", this::swallow);
    server.createContext(ApiVersion.PATH + "/intake/recipients", this::recipients);
    server.start();
  }

  /** Never answers and passes nothing on: the relay dies before the intake stores anything. */
  static SwallowingIntake beforeTheIntake() {
    return start(null, false);
  }

  /** Passes each delivery to the real intake, then never answers: the relay dies after the intake committed. */
  static SwallowingIntake afterTheIntake(String clinicalUrl) {
    return start(clinicalUrl, true);
  }

  private static SwallowingIntake start(String clinicalUrl, boolean forward) {
    try {
      return new SwallowingIntake(clinicalUrl, forward);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int received() {
    return received.get();
  }

  /** Answers the portal's check of the chosen practice at submission, so that only deliveries are swallowed. */
  private void recipients(HttpExchange exchange) throws IOException {
    byte[] list = ("{\"items\":[{\"odsCode\":\"" + Personas.DEMO_PRACTICE
        + "\",\"name\":\"Demo Medical Practice\",\"type\":\"GP_PRACTICE\"}],\"total\":1,"
        + "\"links\":{\"self\":\"" + ApiVersion.PATH + "/intake/recipients\"}}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, list.length);
    exchange.getResponseBody().write(list);
    exchange.close();
  }

  private void swallow(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (forward) {
      try {
        http.send(HttpRequest.newBuilder(URI.create(clinicalUrl + exchange.getRequestURI()))
            .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
            .header("Idempotency-Key", exchange.getRequestHeaders().getFirst("Idempotency-Key"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    received.incrementAndGet();
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.close();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
