package org.openucp.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves the built reference web apps ({@code web/dist}) on loopback, with {@code /config.json} telling them where
 * the APIs and issuers are. Any path that is not a file is the app's own route, answered with {@code index.html}.
 */
public final class WebAppServer implements AutoCloseable {

  /** What the browser may load: only this origin's scripts and styles, and calls to the stack's own services. */
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self' %s; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8", "map", "application/json");

  private final HttpServer server;

  private WebAppServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving {@code root}; {@code config} is the JSON the app reads at {@code /config.json}. */
  public static WebAppServer start(int port, Path root, String config, String apiOrigins) {
    if (!Files.isRegularFile(root.resolve("index.html"))) {
      throw new IllegalStateException(root + "/index.html is missing: build the web apps first"
          + " (npm --prefix web ci && npm --prefix web run build)");
    }
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      String csp = String.format(CSP, apiOrigins);
      server.createContext("/", exchange -> {
        try (exchange) {
          serve(exchange, root.toRealPath(), config, csp);
        }
      });
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
      return new WebAppServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not serve the web apps on port " + port, e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Path root, String config, String csp) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("X-Content-Type-Options", "nosniff");
    // The sign-in code arrives in the address: never send the address on to another site.
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", csp);
    if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if ("/config.json".equals(path)) {
      headers.set("Cache-Control", "no-store");
      send(exchange, 200, "json", config.getBytes(StandardCharsets.UTF_8));
      return;
    }
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      file = root.resolve("index.html");
    }
    String name = file.getFileName().toString();
    headers.set("Cache-Control", name.equals("index.html") ? "no-cache" : "public, max-age=3600");
    send(exchange, 200, name.substring(name.lastIndexOf('.') + 1), Files.readAllBytes(file));
  }

  private static void send(HttpExchange exchange, int status, String extension, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public String toString() {
    return "web apps at " + baseUrl();
  }
}
