package org.openucp.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the packaged services and their logs are in the checkout. */
public final class StackLayout {

  private final Path root;

  private StackLayout(Path root) {
    this.root = root;
  }

  /** Finds the checkout from the working directory or one of its parents. */
  public static StackLayout find() {
    Path candidate = Path.of("").toAbsolutePath();
    while (candidate != null) {
      if (Files.isDirectory(candidate.resolve("clinical-api")) && Files.isDirectory(candidate.resolve("portal-api"))) {
        return new StackLayout(candidate);
      }
      candidate = candidate.getParent();
    }
    throw new IllegalStateException("Run this from the project checkout (no clinical-api/ and portal-api/ found)");
  }

  public Path clinicalJar() {
    return root.resolve("clinical-api/target/quarkus-app/quarkus-run.jar");
  }

  public Path portalJar() {
    return root.resolve("portal-api/target/quarkus-app/quarkus-run.jar");
  }

  /** The built reference web apps ({@code npm --prefix web run build}). */
  public Path webApp() {
    return root.resolve("web/dist");
  }

  public Path logDirectory() {
    return root.resolve("local-stack/target/logs");
  }
}
