package org.openucp.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openucp.model.api.ApiVersion;

/** One packaged service running as a separate JVM process, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

  private static final Pattern ENVIRONMENT_SETTING = Pattern.compile("[A-Z][A-Z0-9_]*=.*");
  /** Enough of a log to show why a service did not start, in the failure CI prints. */
  private static final int LINES_SHOWN_ON_EXIT = 30;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;
  private final long startedAtNanos;

  private ServiceProcess(String name, int port, Path log, Process process, long startedAtNanos) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.startedAtNanos = startedAtNanos;
  }

  /** Starts {@code java -jar} on the service's packaged jar with the given configuration as system properties. */
  public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config, Path logDirectory) {
    return start(name, jar, port, config, logDirectory, List.of());
  }

  /**
   * As {@link #start(String, Path, int, Map, Path)}, with options for the JVM (heap, collector...); an option of the
   * form {@code NAME=value} in capitals (as {@code MALLOC_ARENA_MAX=2}) is set in the process's environment instead.
   */
  public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config, Path logDirectory,
      List<String> jvmOptions) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package -DskipTests)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Map<String, String> environment = new HashMap<>();
    for (String option : jvmOptions) {
      if (ENVIRONMENT_SETTING.matcher(option).matches()) {
        environment.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
      } else {
        command.add(option);
      }
    }
    command.add("-Dquarkus.http.port=" + port);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(logDirectory);
      Path log = logDirectory.resolve(name + ".log");
      long started = System.nanoTime();
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ServiceProcess(name, port, log, process, started);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  /**
   * A port nothing listens on now, for a service to be started on. Another process may take it before the service
   * binds it; a service that then exits shows why in {@link #awaitReady}'s message.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the service reports ready; returns how long it took since the process started. */
  public Duration awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log
            + "; its last lines:\n" + lastLines(LINES_SHOWN_ON_EXIT));
      }
      if (healthStatus("ready") == 200) {
        return Duration.ofNanos(System.nanoTime() - startedAtNanos);
      }
      pause();
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
  }

  /** The HTTP status of {@code /q/health/<check>}, or -1 when the service does not answer. */
  public int healthStatus(String check) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/" + check))
          .timeout(Duration.ofSeconds(5)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Where the service's API of the current version is: every application path starts here. */
  public String apiUrl() {
    return baseUrl() + ApiVersion.PATH;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Asks the service to stop as Kubernetes does, with SIGTERM, and returns at once; see {@link #awaitExit}. */
  public void terminate() {
    process.destroy();
  }

  /**
   * Waits for a process that is meant to end by itself (a migration job, or a service told to {@link #terminate})
   * and returns its exit code.
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " was still running after " + timeout + "; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name + " to end", e);
    }
  }

  /** Kills the service at once, with no chance to finish anything: a crash. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the service as a container runtime would: a polite signal first, then, if need be, a kill. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String lastLines(int count) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a service", e);
    }
  }
}
