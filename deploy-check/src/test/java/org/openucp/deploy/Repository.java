package org.openucp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** Where the build leaves the manifests, and how to read them. */
final class Repository {

  static final Path ROOT = Path.of(System.getProperty("openucp.root", "..")).toAbsolutePath().normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final List<String> SERVICES = List.of("clinical-api", "portal-api");

  private Repository() {
  }

  /** What a service's build generated, in target/kubernetes/. */
  static Path generated(String service) {
    Path file = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
    assertThat(file).as("package %s first (./mvnw verify): its build writes the manifests", service).exists();
    return file;
  }

  /** The copy kustomize reads, in deploy/base/&lt;service&gt;/generated/. */
  static Path copied(String service) {
    return DEPLOY.resolve("base").resolve(service).resolve("generated/kubernetes.yml");
  }

  /** Reads a manifest file; a document the API model cannot read fails the test at once. */
  static List<StrictManifests.Manifest> read(Path file) {
    StrictManifests.Problems problems = new StrictManifests.Problems();
    List<StrictManifests.Manifest> manifests = StrictManifests.read(file, problems);
    assertThat(problems.list()).as("documents of %s", file).isEmpty();
    return manifests;
  }

  static JsonNode yaml(Path file) {
    try {
      return StrictManifests.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A service's manifests as one would look them up: by kind and name. */
  record Service(String name, List<StrictManifests.Manifest> manifests) {

    static Service generatedBy(String name) {
      return new Service(name, read(generated(name)));
    }

    /** The logical database the service owns: "clinical" or "portal". */
    String database() {
      return name.substring(0, name.indexOf('-'));
    }

    <T extends HasMetadata> T one(Class<T> kind, String resourceName) {
      return find(kind, resourceName)
          .orElseThrow(() -> new AssertionError(name + " generates no " + kind.getSimpleName() + " " + resourceName));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String resourceName) {
      return manifests.stream().map(StrictManifests.Manifest::resource)
          .filter(kind::isInstance).map(kind::cast)
          .filter(resource -> resource.getMetadata().getName().equals(resourceName))
          .findFirst();
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
      return manifests.stream().map(StrictManifests.Manifest::resource).filter(kind::isInstance).map(kind::cast)
          .toList();
    }

    Deployment deployment() {
      return one(Deployment.class, name);
    }

    Container container() {
      return deployment().getSpec().getTemplate().getSpec().getContainers().stream()
          .filter(container -> container.getName().equals(name)).findFirst().orElseThrow();
    }

    Job migrationJob() {
      return one(Job.class, name + "-flyway-init");
    }

    ConfigMap configMap() {
      return one(ConfigMap.class, name + "-config");
    }

    /** The settings without a safe default (openucp.required-settings), as the environment variables that set them. */
    List<String> requiredEnvironmentVariables() {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(
          ROOT.resolve(name).resolve("src/main/resources/application.properties"))) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String required = properties.getProperty("openucp.required-settings", "");
      return java.util.Arrays.stream(required.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .map(property -> property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
          .toList();
    }
  }

  static Optional<EnvVar> env(Container container, String name) {
    return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst();
  }
}
