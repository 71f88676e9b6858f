package org.openucp.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's static server for the built web apps. */
class WebAppServerIT {

  @TempDir
  static Path parent;
  private static WebAppServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Path dist = Files.createDirectories(parent.resolve("dist"));
    Files.writeString(dist.resolve("index.html"), "<!doctype html><title>app</title>");
    Files.createDirectories(dist.resolve("assets"));
    Files.writeString(dist.resolve("assets/app.js"), "console.log('app')");
    Files.writeString(parent.resolve("secret.txt"), "outside the app");
    server = WebAppServer.start(0, dist, "{\"clinicalApi\":\"http://localhost:8080\"}", "http://localhost:8080");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void shouldServeIndexForTheAppsOwnRoutes() throws Exception {
    HttpResponse<String> page = get("/crisis/patients/9434765919");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>app</title>"));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
    assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
  }

  @Test
  void shouldServeFilesWithTheirTypes() throws Exception {
    HttpResponse<String> script = get("/assets/app.js");
    assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElseThrow());
  }

  @Test
  void shouldServeTheConfiguration() throws Exception {
    HttpResponse<String> config = get("/config.json");
    assertEquals("{\"clinicalApi\":\"http://localhost:8080\"}", config.body());
    assertEquals("no-store", config.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void shouldNeverServeAFileOutsideTheApp() throws Exception {
    String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
    // A raw request, since HTTP clients normalise "..": the server must not follow it out of dist/.
    try (Socket socket = new Socket("localhost", Integer.parseInt(port))) {
      socket.getOutputStream().write("GET /../secret.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertFalse(answer.contains("outside the app"), answer);
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
