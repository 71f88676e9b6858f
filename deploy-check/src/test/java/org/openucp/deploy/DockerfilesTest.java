package org.openucp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images cannot be built on our machines (no container engine), so their Dockerfiles are read: what the
 * Kubernetes manifests rely on (a numeric non-root user for runAsNonRoot, port 8080) must be there.
 */
class DockerfilesTest {

  private static final Path DOCKER = Repository.ROOT.resolve("src/main/docker");

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
  void imageRunsAsANumericNonRootUser(String dockerfile) throws IOException {
    List<String> users = instructions(dockerfile, "USER");

    // Kubernetes can check runAsNonRoot only against a numeric user.
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
  void imageListensOnThePortTheManifestsProbe(String dockerfile) throws IOException {
    String text = Files.readString(DOCKER.resolve(dockerfile));

    assertThat(instructions(dockerfile, "EXPOSE")).containsExactly("8080");
    assertThat(text).contains("QUARKUS_HTTP_PORT=8080").contains("QUARKUS_HTTP_HOST=0.0.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
  void imageIsBuiltOnASupportedMinimalBase(String dockerfile) throws IOException {
    assertThat(instructions(dockerfile, "FROM")).singleElement().asString()
        .matches(dockerfile.endsWith("jvm")
            ? "registry\\.access\\.redhat\\.com/ubi9/openjdk-(17|21)-runtime:[0-9.]+"
            : "quay\\.io/quarkus/ubi9-quarkus-micro-image:[0-9.]+");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.jvm"})
  void jvmPicksExactlyOneGarbageCollector(String dockerfile) throws IOException {
    String text = Files.readString(DOCKER.resolve(dockerfile));
    Matcher append = Pattern.compile("JAVA_OPTS_APPEND=\"([^\"]*)\"").matcher(text);

    // run-java.sh passes GC_CONTAINER_OPTIONS; a collector in JAVA_OPTS_APPEND as well would stop the JVM.
    assertThat(text).contains("GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC\"").contains("JAVA_MAX_MEM_RATIO=25");
    assertThat(append.find()).isTrue();
    assertThat(append.group(1)).doesNotContainPattern("-XX:\\+Use\\w+GC");
  }

  private static List<String> instructions(String dockerfile, String instruction) throws IOException {
    return Files.readAllLines(DOCKER.resolve(dockerfile)).stream()
        .filter(line -> line.startsWith(instruction + " "))
        .map(line -> line.substring(instruction.length() + 1).trim())
        .toList();
  }
}
