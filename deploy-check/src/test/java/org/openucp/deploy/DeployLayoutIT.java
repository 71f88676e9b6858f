package org.openucp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openucp.deploy.Repository.Service;
import org.openucp.deploy.StrictManifests.Manifest;

/**
 * The kustomize layout in deploy/: the base takes the generated manifests as they are and adds the database, its
 * backups and the alert rules; the production overlay completes what the base leaves to each installation.
 */
class DeployLayoutIT {

  private static final Path BASE = Repository.DEPLOY.resolve("base");
  private static final Path PRODUCTION = Repository.DEPLOY.resolve("overlays/production");
  private static final List<String> STATIC = List.of("database.yaml", "backup.yaml", "alerts.yaml");

  @Test
  void everyManifestWrittenByHandMatchesItsSchema() {
    List<Manifest> manifests = new ArrayList<>();
    STATIC.forEach(file -> manifests.addAll(Repository.read(BASE.resolve(file))));
    manifests.addAll(Repository.read(Repository.DEPLOY.resolve("restore/openucp-db-restore.yaml")));

    assertThat(StrictManifests.problems(manifests)).isEmpty();
  }

  @Test
  void theBaseTakesTheGeneratedManifestsAndOnlyFilesThatExist() {
    List<String> resources = strings(Repository.yaml(BASE.resolve("kustomization.yaml")).path("resources"));

    assertThat(resources).containsExactlyInAnyOrder("clinical-api", "portal-api", "database.yaml", "backup.yaml",
        "alerts.yaml");
    for (String service : Repository.SERVICES) {
      assertThat(strings(Repository.yaml(BASE.resolve(service).resolve("kustomization.yaml")).path("resources")))
          .containsExactly("generated/kubernetes.yml");
      assertThat(Repository.copied(service)).exists();
    }
    assertThat(Repository.ROOT.resolve(".gitignore")).content().contains("deploy/base/*/generated/");
  }

  @Test
  void oneNamespaceHoldsEachResourceOnce() {
    List<String> ids = new ArrayList<>();
    for (String service : Repository.SERVICES) {
      Set<String> deleted = deletedBy(BASE.resolve(service).resolve("kustomization.yaml"));
      Repository.read(Repository.copied(service)).stream().map(DeployLayoutIT::kindAndName)
          .filter(id -> !deleted.contains(id)).forEach(ids::add);
    }
    STATIC.forEach(file -> Repository.read(BASE.resolve(file)).stream().map(DeployLayoutIT::kindAndName)
        .forEach(ids::add));

    assertThat(ids).doesNotHaveDuplicates().contains("Role view-jobs", "RoleBinding portal-api-view-jobs");
  }

  @Test
  void theDatabaseArchivesEveryWalSegmentToTheStoreTheNightlyBackupsUse() {
    GenericKubernetesResource cluster = custom("database.yaml", "Cluster", "openucp-db");
    GenericKubernetesResource store = custom("backup.yaml", "ObjectStore", "openucp-db-backups");
    GenericKubernetesResource nightly = custom("backup.yaml", "ScheduledBackup", "openucp-db-nightly");
    JsonNode plugin = spec(cluster).path("plugins").get(0);

    assertThat(plugin.path("name").asText()).isEqualTo(StrictManifests.BARMAN_CLOUD);
    assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
    assertThat(plugin.path("parameters").path("barmanObjectName").asText()).isEqualTo(store.getMetadata().getName());
    assertThat(spec(store).path("retentionPolicy").asText()).isEqualTo("30d");
    assertThat(spec(nightly).path("cluster").path("name").asText()).isEqualTo(cluster.getMetadata().getName());
    assertThat(spec(nightly).path("immediate").asBoolean()).as("a base backup on the first day").isTrue();
    assertThat(spec(cluster).path("instances").asInt()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void eachServiceConnectsToItsOwnDatabaseWithItsOwnRoles() {
    JsonNode cluster = spec(custom("database.yaml", "Cluster", "openucp-db"));
    JsonNode portalDatabase = spec(custom("database.yaml", "Database", "openucp-db-portal"));
    Map<String, String> roleSecrets = StreamSupport.stream(cluster.path("managed").path("roles").spliterator(), false)
        .collect(Collectors.toMap(role -> role.path("name").asText(),
            role -> role.path("passwordSecret").path("name").asText()));
    JsonNode initdb = cluster.path("bootstrap").path("initdb");
    roleSecrets.put(initdb.path("owner").asText(), initdb.path("secret").path("name").asText());

    assertThat(initdb.path("database").asText()).isEqualTo("clinical");
    assertThat(portalDatabase.path("name").asText()).isEqualTo("portal");
    assertThat(portalDatabase.path("cluster").path("name").asText()).isEqualTo("openucp-db");
    assertThat(Map.of("clinical", initdb.path("owner").asText(), "portal", portalDatabase.path("owner").asText()))
        .containsEntry("clinical", "clinical_migration").containsEntry("portal", "portal_migration");
    for (String name : Repository.SERVICES) {
      Service service = Service.generatedBy(name);
      String database = service.database();
      assertThat(service.configMap().getData())
          .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://openucp-db-rw:5432/" + database)
          .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://openucp-db-rw:5432/" + database);
      assertThat(roleSecrets).containsEntry(database + "_runtime", secretName(service.container(),
          "QUARKUS_DATASOURCE_USERNAME"));
      assertThat(roleSecrets).containsEntry(database + "_migration", secretName(
          service.migrationJob().getSpec().getTemplate().getSpec().getContainers().get(0), "QUARKUS_FLYWAY_USERNAME"));
    }
    assertThat(strings(cluster.path("postgresql").path("pg_hba"))).containsExactlyInAnyOrder(
        "host portal clinical_migration,clinical_runtime all reject",
        "host clinical portal_migration,portal_runtime all reject");
  }

  @Test
  void theDatabaseAcceptsOnlyTheServicesTheirMigrationsTheOperatorAndPrometheus() {
    NetworkPolicy policy = (NetworkPolicy) Repository.read(BASE.resolve("database.yaml")).stream()
        .map(Manifest::resource).filter(NetworkPolicy.class::isInstance).findFirst().orElseThrow();
    Set<String> clients = new HashSet<>();
    policy.getSpec().getIngress().get(0).getFrom().forEach(peer ->
        clients.addAll(peer.getPodSelector().getMatchExpressions().get(0).getValues()));

    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("cnpg.io/podRole", "instance");
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(clients).containsExactlyInAnyOrder("clinical-api", "portal-api", "clinical-api-flyway-init",
        "portal-api-flyway-init");
    assertThat(policy.getSpec().getIngress().get(0).getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(5432));
    assertThat(policy.getSpec().getIngress()).hasSize(4);
  }

  @Test
  void theAlertRulesWakeSomeoneWhenAServiceIsDown() {
    JsonNode rules = spec(custom("alerts.yaml", "PrometheusRule", "openucp-alerts")).path("groups").get(0)
        .path("rules");

    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.path("alert").asText()).isEqualTo("ServiceDown");
      assertThat(rule.path("expr").asText()).contains("up{").endsWith("== 0");
      assertThat(rule.path("labels").path("severity").asText()).isEqualTo("critical");
    });
  }

  @Test
  void aRestoreBringsBothDatabasesBackToOneMomentFromTheSameBackups() {
    Manifest restore = Repository.read(Repository.DEPLOY.resolve("restore/openucp-db-restore.yaml")).get(0);
    JsonNode spec = restore.document().path("spec");
    JsonNode source = spec.path("externalClusters").get(0);

    assertThat(spec.path("bootstrap").path("recovery").path("recoveryTarget").path("targetTime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(source.path("plugin").path("parameters").path("serverName").asText()).isEqualTo("openucp-db");
    assertThat(source.path("plugin").path("parameters").path("barmanObjectName").asText())
        .isEqualTo("openucp-db-backups");
    assertThat(restore.resource().getMetadata().getName()).isNotEqualTo("openucp-db")
        .as("its own WAL goes under its own name: an archive must start empty");
  }

  @Test
  void productionSetsEverySettingTheBaseLeavesEmpty() {
    for (String name : Repository.SERVICES) {
      Map<String, String> base = Service.generatedBy(name).configMap().getData();
      JsonNode patch = Repository.yaml(PRODUCTION.resolve("patches/" + name + "-config.yaml"));
      Map<String, String> production = new java.util.HashMap<>(base);
      patch.path("data").fields().forEachRemaining(field -> production.put(field.getKey(), field.getValue().asText()));

      assertThat(patch.path("metadata").path("name").asText()).isEqualTo(name + "-config");
      assertThat(fieldNames(patch.path("data"))).as("keys the service reads").isSubsetOf(base.keySet());
      assertThat(production).as(name).allSatisfy((key, value) -> assertThat(value).as(key).isNotBlank());
    }
  }

  @Test
  void productionPinsEveryImageItRuns() {
    JsonNode kustomization = Repository.yaml(PRODUCTION.resolve("kustomization.yaml"));
    Map<String, String> tags = StreamSupport.stream(kustomization.path("images").spliterator(), false)
        .collect(Collectors.toMap(image -> image.path("name").asText(), image -> image.path("newTag").asText()));
    Set<String> images = new HashSet<>();
    for (String name : Repository.SERVICES) {
      Service service = Service.generatedBy(name);
      List<Container> containers = new ArrayList<>(service.deployment().getSpec().getTemplate().getSpec()
          .getContainers());
      containers.addAll(service.deployment().getSpec().getTemplate().getSpec().getInitContainers());
      containers.addAll(service.migrationJob().getSpec().getTemplate().getSpec().getContainers());
      containers.forEach(container -> images.add(container.getImage().replaceFirst(":[^:/]+$", "")));
    }

    assertThat(tags).containsOnlyKeys(images);
    assertThat(tags.values()).allSatisfy(tag -> assertThat(tag).isNotBlank().isNotEqualTo("latest")
        .doesNotContain("SNAPSHOT"));
    assertThat(kustomization.path("replicas").findValuesAsText("name"))
        .containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
  }

  @Test
  void productionGivesEachPublicHostItsOwnCertificate() throws Exception {
    JsonNode kustomization = Repository.yaml(PRODUCTION.resolve("kustomization.yaml"));
    Set<String> hosts = new HashSet<>();
    for (String name : Repository.SERVICES) {
      JsonNode entry = StreamSupport.stream(kustomization.path("patches").spliterator(), false)
          .filter(patch -> name.equals(patch.path("target").path("name").asText())).findFirst().orElseThrow();
      Manifest generated = Repository.read(Repository.copied(name)).stream()
          .filter(manifest -> manifest.resource() instanceof Ingress).findFirst().orElseThrow();
      JsonNode operations = Repository.yaml(PRODUCTION.resolve(entry.path("path").asText()));
      JsonNode patched = JsonPatch.apply(operations, generated.document());
      Path file = Files.createTempFile(name, ".yml");
      Files.writeString(file, patched.toString());
      List<Manifest> result = Repository.read(file);
      Ingress ingress = (Ingress) result.get(0).resource();

      assertThat(entry.path("target").path("kind").asText()).isEqualTo("Ingress");
      assertThat(StrictManifests.problems(result)).isEmpty();
      String host = ingress.getSpec().getRules().get(0).getHost();
      assertThat(host).doesNotEndWith("openucp.example");
      assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly(host);
      assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isNotBlank()
          .isNotEqualTo(((Ingress) generated.resource()).getSpec().getTls().get(0).getSecretName());
      hosts.add(host);
    }
    assertThat(hosts).hasSize(2);
  }

  @Test
  void productionPatchesOnlyWhatTheBaseHas() {
    Set<String> base = new HashSet<>();
    Repository.SERVICES.forEach(service -> Repository.read(Repository.copied(service)).stream()
        .map(DeployLayoutIT::kindAndName).forEach(base::add));
    STATIC.forEach(file -> Repository.read(BASE.resolve(file)).stream().map(DeployLayoutIT::kindAndName)
        .forEach(base::add));
    JsonNode kustomization = Repository.yaml(PRODUCTION.resolve("kustomization.yaml"));

    assertThat(strings(kustomization.path("resources"))).containsExactly("../../base");
    for (JsonNode entry : kustomization.path("patches")) {
      JsonNode patch = Repository.yaml(PRODUCTION.resolve(entry.path("path").asText()));
      String target = entry.has("target")
          ? entry.path("target").path("kind").asText() + " " + entry.path("target").path("name").asText()
          : patch.path("kind").asText() + " " + patch.path("metadata").path("name").asText();
      assertThat(base).as(entry.path("path").asText()).contains(target);
      assertThat(Files.exists(PRODUCTION.resolve(entry.path("path").asText()))).isTrue();
    }
  }

  private static GenericKubernetesResource custom(String file, String kind, String name) {
    return Repository.read(BASE.resolve(file)).stream().map(Manifest::resource)
        .filter(resource -> resource.getKind().equals(kind) && resource.getMetadata().getName().equals(name))
        .map(GenericKubernetesResource.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no " + kind + " " + name));
  }

  private static JsonNode spec(GenericKubernetesResource resource) {
    return StrictManifests.YAML.valueToTree(resource.getAdditionalProperties().get("spec"));
  }

  private static String kindAndName(Manifest manifest) {
    HasMetadata resource = manifest.resource();
    return resource.getKind() + " " + resource.getMetadata().getName();
  }

  /** The resources a kustomization removes with a "$patch: delete" patch. */
  private static Set<String> deletedBy(Path kustomization) {
    Set<String> deleted = new HashSet<>();
    for (JsonNode entry : Repository.yaml(kustomization).path("patches")) {
      try {
        JsonNode patch = StrictManifests.YAML.readTree(entry.path("patch").asText());
        if ("delete".equals(patch.path("$patch").asText())) {
          deleted.add(patch.path("kind").asText() + " " + patch.path("metadata").path("name").asText());
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return deleted;
  }

  private static String secretName(Container container, String variable) {
    return Repository.env(container, variable).orElseThrow().getValueFrom().getSecretKeyRef().getName();
  }

  private static List<String> strings(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
