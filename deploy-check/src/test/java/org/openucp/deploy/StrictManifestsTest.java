package org.openucp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline validator itself: what it must refuse, so that a green build means something. */
class StrictManifestsTest {

  @TempDir
  Path directory;

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: clinical-api
      spec:
        selector:
          matchLabels:
            app.kubernetes.io/name: clinical-api
        template:
          metadata:
            labels:
              app.kubernetes.io/name: clinical-api
          spec:
            containers:
              - name: clinical-api
                image: openucp/clinical-api:1.0.0
                securityContext:
                  readOnlyRootFilesystem: true
      """;

  private static final String CLUSTER = """
      apiVersion: postgresql.cnpg.io/v1
      kind: Cluster
      metadata:
        name: openucp-db
      spec:
        instances: 3
        storage:
          size: 10Gi
        bootstrap:
          initdb:
            database: clinical
            owner: clinical_migration
            secret:
              name: openucp-clinical-migration
        plugins:
          - name: barman-cloud.cloudnative-pg.io
            isWALArchiver: true
            parameters:
              barmanObjectName: openucp-db-backups
      """;

  @Test
  void acceptsAWellFormedDeploymentAndCluster() throws IOException {
    assertThat(problemsOf(DEPLOYMENT + "---\n" + CLUSTER)).isEmpty();
  }

  @Test
  void rejectsAMisspelledFieldNamingItsPath() throws IOException {
    assertThat(problemsOf(DEPLOYMENT.replace("readOnlyRootFilesystem", "readOnlyRootFileSystem")))
        .singleElement().asString()
        .contains("readOnlyRootFileSystem")
        .contains(".spec.template.spec.containers[0].securityContext");
  }

  @Test
  void rejectsAnUnknownTopLevelField() throws IOException {
    assertThat(problemsOf(DEPLOYMENT.replace("spec:\n  selector", "specs:\n  selector")))
        .anySatisfy(problem -> assertThat(problem).contains("specs"));
  }

  @Test
  void rejectsAnApiVersionKubernetesNoLongerServes() throws IOException {
    assertThat(problemsOf("""
        apiVersion: policy/v1beta1
        kind: PodDisruptionBudget
        metadata:
          name: clinical-api
        spec:
          minAvailable: 1
        """)).singleElement().asString().contains("not an API version and kind that current Kubernetes serves");
  }

  @Test
  void rejectsAKindNobodyServes() throws IOException {
    assertThat(problemsOf("""
        apiVersion: example.org/v1
        kind: Widget
        metadata:
          name: w
        spec: {}
        """)).singleElement().asString().contains("neither a kind current Kubernetes serves");
  }

  @Test
  void rejectsAValueOfTheWrongType() throws IOException {
    assertThat(problemsOf(DEPLOYMENT.replace("spec:\n  selector", "spec:\n  replicas: two\n  selector")))
        .singleElement().asString().contains("not a Kubernetes resource the API model can read");
  }

  @Test
  void rejectsAClusterWithoutContinuousArchiving() throws IOException {
    assertThat(problemsOf(CLUSTER.replace("isWALArchiver: true", "isWALArchiver: false")))
        .singleElement().asString().contains("must archive WAL");
  }

  @Test
  void rejectsTheDeprecatedInTreeBackupAndUnknownClusterFields() throws IOException {
    List<String> problems = problemsOf(CLUSTER + """
          backup:
            barmanObjectStore:
              destinationPath: s3://backups/
          instancess: 2
        """);
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("deprecated"));
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("unknown field spec.instancess"));
  }

  @Test
  void rejectsABackupScheduleWithoutItsSecondsField() throws IOException {
    assertThat(problemsOf("""
        apiVersion: postgresql.cnpg.io/v1
        kind: ScheduledBackup
        metadata:
          name: nightly
        spec:
          schedule: "0 2 * * *"
          cluster:
            name: openucp-db
          method: plugin
          pluginConfiguration:
            name: barman-cloud.cloudnative-pg.io
        """)).singleElement().asString().contains("six fields");
  }

  @Test
  void rejectsAServiceMonitorThatWouldScrapeEveryService() throws IOException {
    assertThat(problemsOf("""
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: clinical-api
        spec:
          selector: {}
          endpoints:
            - targetPort: 8080
        """)).singleElement().asString().contains("every Service");
  }

  private List<String> problemsOf(String yaml) throws IOException {
    Path file = Files.writeString(directory.resolve("manifest.yml"), yaml);
    StrictManifests.Problems readProblems = new StrictManifests.Problems();
    List<StrictManifests.Manifest> manifests = StrictManifests.read(file, readProblems);
    List<String> problems = new java.util.ArrayList<>(readProblems.list());
    problems.addAll(StrictManifests.problems(manifests));
    return problems;
  }
}
