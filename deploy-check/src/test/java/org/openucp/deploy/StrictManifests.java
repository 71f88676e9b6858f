package org.openucp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads Kubernetes manifests with the fabric8 model of the Kubernetes API and finds what an API server would refuse
 * or silently drop: an API version or kind current Kubernetes does not serve, a field the schema does not have (the
 * model keeps unknown fields aside, in "additionalProperties", instead of failing), a value of the wrong type. The
 * custom resources of CloudNativePG, its Barman Cloud plugin and the Prometheus Operator, which the model does not
 * know, are read as generic resources and checked for the fields their operators require.
 */
final class StrictManifests {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  /** The built-in kinds these manifests may use, at the API version current Kubernetes (1.25 and later) serves. */
  private static final Set<String> SERVED = Set.of(
      "v1/ConfigMap", "v1/Service", "v1/ServiceAccount",
      "apps/v1/Deployment", "batch/v1/Job",
      "networking.k8s.io/v1/Ingress", "networking.k8s.io/v1/NetworkPolicy",
      "policy/v1/PodDisruptionBudget", "autoscaling/v2/HorizontalPodAutoscaler",
      "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/RoleBinding");

  /** The custom resources these manifests may use, each with what its operator requires. */
  private static final Map<String, BiConsumer<JsonNode, Problems>> CUSTOM = Map.of(
      "postgresql.cnpg.io/v1/Cluster", StrictManifests::checkCluster,
      "postgresql.cnpg.io/v1/Database", StrictManifests::checkDatabase,
      "postgresql.cnpg.io/v1/ScheduledBackup", StrictManifests::checkScheduledBackup,
      "barmancloud.cnpg.io/v1/ObjectStore", StrictManifests::checkObjectStore,
      "monitoring.coreos.com/v1/PrometheusRule", StrictManifests::checkPrometheusRule,
      "monitoring.coreos.com/v1/ServiceMonitor", StrictManifests::checkServiceMonitor);

  /** The fields of a CloudNativePG Cluster's spec (postgresql.cnpg.io/v1, CloudNativePG 1.26 and later). */
  private static final Set<String> CLUSTER_SPEC_FIELDS = Set.of(
      "affinity", "backup", "bootstrap", "certificates", "description", "enablePDB", "enableSuperuserAccess", "env",
      "envFrom", "ephemeralVolumeSource", "ephemeralVolumesSizeLimit", "externalClusters", "failoverDelay",
      "imageCatalogRef", "imageName", "imagePullPolicy", "imagePullSecrets", "inheritedMetadata", "instances",
      "livenessProbeTimeout", "logLevel", "managed", "maxSyncReplicas", "minSyncReplicas", "monitoring",
      "nodeMaintenanceWindow", "plugins", "podSecurityContext", "postgresGID", "postgresUID", "postgresql",
      "primaryUpdateMethod", "primaryUpdateStrategy", "priorityClassName", "probes", "projectedVolumeTemplate",
      "replica", "replicationSlots", "resources", "schedulerName", "seccompProfile", "securityContext",
      "serviceAccountTemplate", "smartShutdownTimeout", "startDelay", "stopDelay", "storage", "superuserSecret",
      "switchoverDelay", "tablespaces", "topologySpreadConstraints", "walStorage");

  static final String BARMAN_CLOUD = "barman-cloud.cloudnative-pg.io";
  private static final Pattern RETENTION = Pattern.compile("^[1-9][0-9]*[dwm]$");

  private StrictManifests() {
  }

  /** One manifest file's documents: the typed resource and the document as written. */
  record Manifest(HasMetadata resource, JsonNode document, String source) {

    String id() {
      return resource.getApiVersion() + "/" + resource.getKind() + " " + resource.getMetadata().getName();
    }
  }

  /** The problems found, each naming the file, the resource and the path of the offending field. */
  static final class Problems {
    private final List<String> found = new ArrayList<>();
    private String where = "";

    void at(String where) {
      this.where = where;
    }

    void add(String problem) {
      found.add(where + ": " + problem);
    }

    List<String> list() {
      return found;
    }
  }

  /** Reads every document of a manifest file; a document the model cannot read at all is a problem too. */
  static List<Manifest> read(Path file, Problems problems) {
    List<Manifest> manifests = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(Files.readString(file))) {
      Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
      int index = 0;
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        problems.at(file.getFileName() + " #" + index++);
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        try {
          HasMetadata resource = KUBERNETES.unmarshal(document.toString(), HasMetadata.class);
          manifests.add(new Manifest(resource, document, file.getFileName().toString()));
        } catch (RuntimeException e) {
          problems.add("not a Kubernetes resource the API model can read: " + rootCause(e));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return manifests;
  }

  /** Every problem of these manifests; an empty list means an API server would take them as written. */
  static List<String> problems(List<Manifest> manifests) {
    Problems problems = new Problems();
    for (Manifest manifest : manifests) {
      HasMetadata resource = manifest.resource();
      String type = resource.getApiVersion() + "/" + resource.getKind();
      problems.at(manifest.source() + " " + type + " " + (resource.getMetadata() == null ? "(no metadata)"
          : resource.getMetadata().getName()));
      if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
        problems.add("has no metadata.name");
        continue;
      }
      if (resource instanceof GenericKubernetesResource generic) {
        BiConsumer<JsonNode, Problems> check = CUSTOM.get(type);
        if (check == null) {
          problems.add("neither a kind current Kubernetes serves at this API version nor a known custom resource");
          continue;
        }
        generic.getAdditionalProperties().keySet().stream()
            .filter(field -> !Set.of("spec").contains(field))
            .forEach(field -> problems.add("unknown field " + field));
        unknownFields(generic.getMetadata(), "metadata", problems, 0);
        check.accept(manifest.document().path("spec"), problems);
      } else if (!SERVED.contains(type)) {
        problems.add("not an API version and kind that current Kubernetes serves (or not one these manifests use)");
      } else {
        unknownFields(resource, "", problems, 0);
      }
    }
    return problems.list();
  }

  /** Walks the typed model and reports every field it did not recognise, with its path. */
  private static void unknownFields(Object value, String path, Problems problems, int depth) {
    if (value == null || depth > 40) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> unknownFields(item, path + "." + key, problems, depth + 1));
      return;
    }
    if (value instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + index++ + "]", problems, depth + 1);
      }
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
        continue;
      }
      Object field = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          problems.add("unknown field(s) " + unknown.keySet() + " at " + (path.isEmpty() ? "the top level" : path));
        }
      } else {
        String name = getter.getName().substring(3);
        unknownFields(field, path + "." + name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1),
            problems, depth + 1);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return null;
    }
  }

  private static void checkCluster(JsonNode spec, Problems problems) {
    spec.fieldNames().forEachRemaining(field -> {
      if (!CLUSTER_SPEC_FIELDS.contains(field)) {
        problems.add("unknown field spec." + field);
      }
    });
    if (spec.path("instances").asInt(0) < 1) {
      problems.add("spec.instances must be at least 1");
    }
    if (spec.path("storage").path("size").asText().isBlank()) {
      problems.add("spec.storage.size is required");
    }
    if (spec.has("backup") && spec.path("backup").has("barmanObjectStore")) {
      problems.add("spec.backup.barmanObjectStore is deprecated since CloudNativePG 1.26: use the Barman Cloud plugin");
    }
    JsonNode bootstrap = spec.path("bootstrap");
    long methods = List.of("initdb", "recovery", "pg_basebackup").stream().filter(bootstrap::has).count();
    if (methods != 1) {
      problems.add("spec.bootstrap needs exactly one of initdb, recovery, pg_basebackup");
    }
    if (bootstrap.has("initdb")) {
      JsonNode initdb = bootstrap.path("initdb");
      for (String field : List.of("database", "owner")) {
        if (initdb.path(field).asText().isBlank()) {
          problems.add("spec.bootstrap.initdb." + field + " is required");
        }
      }
      if (initdb.path("secret").path("name").asText().isBlank()) {
        problems.add("spec.bootstrap.initdb.secret.name is required (the owner's password, never generated)");
      }
    }
    if (bootstrap.has("recovery")) {
      String source = bootstrap.path("recovery").path("source").asText();
      boolean known = false;
      for (JsonNode external : spec.path("externalClusters")) {
        if (external.path("name").asText().equals(source)) {
          known = true;
          if (!BARMAN_CLOUD.equals(external.path("plugin").path("name").asText())
              || external.path("plugin").path("parameters").path("barmanObjectName").asText().isBlank()) {
            problems.add("externalClusters " + source + " must read its backups through the Barman Cloud plugin");
          }
        }
      }
      if (!known) {
        problems.add("spec.bootstrap.recovery.source names no entry of spec.externalClusters");
      }
    }
    boolean archiving = false;
    for (JsonNode plugin : spec.path("plugins")) {
      if (BARMAN_CLOUD.equals(plugin.path("name").asText()) && plugin.path("isWALArchiver").asBoolean()
          && !plugin.path("parameters").path("barmanObjectName").asText().isBlank()) {
        archiving = true;
      }
    }
    if (!archiving) {
      problems.add("spec.plugins must archive WAL with the Barman Cloud plugin (isWALArchiver, barmanObjectName)");
    }
    for (JsonNode role : spec.path("managed").path("roles")) {
      if (role.path("name").asText().isBlank() || role.path("passwordSecret").path("name").asText().isBlank()) {
        problems.add("spec.managed.roles entries need a name and a passwordSecret");
      }
    }
  }

  private static void checkDatabase(JsonNode spec, Problems problems) {
    for (String path : List.of("name", "owner", "cluster/name")) {
      if (spec.at("/" + path).asText().isBlank()) {
        problems.add("spec." + path.replace('/', '.') + " is required");
      }
    }
  }

  private static void checkScheduledBackup(JsonNode spec, Problems problems) {
    if (spec.path("schedule").asText().trim().split("\\s+").length != 6) {
      problems.add("spec.schedule must have six fields (CloudNativePG's schedules start with seconds)");
    }
    if (spec.path("cluster").path("name").asText().isBlank()) {
      problems.add("spec.cluster.name is required");
    }
    if (!"plugin".equals(spec.path("method").asText())
        || !BARMAN_CLOUD.equals(spec.path("pluginConfiguration").path("name").asText())) {
      problems.add("spec.method must be plugin, through " + BARMAN_CLOUD);
    }
  }

  private static void checkObjectStore(JsonNode spec, Problems problems) {
    JsonNode configuration = spec.path("configuration");
    if (configuration.path("destinationPath").asText().isBlank()) {
      problems.add("spec.configuration.destinationPath is required");
    }
    if (!configuration.path("serverName").asText().isEmpty()) {
      problems.add("spec.configuration.serverName must stay empty (a plugin parameter of the Cluster instead)");
    }
    JsonNode s3 = configuration.path("s3Credentials");
    for (String key : List.of("accessKeyId", "secretAccessKey")) {
      if (s3.path(key).path("name").asText().isBlank() || s3.path(key).path("key").asText().isBlank()) {
        problems.add("spec.configuration.s3Credentials." + key + " must name a Secret and its key");
      }
    }
    if (spec.has("retentionPolicy") && !RETENTION.matcher(spec.path("retentionPolicy").asText()).matches()) {
      problems.add("spec.retentionPolicy must look like 30d, 4w or 6m");
    }
  }

  private static void checkPrometheusRule(JsonNode spec, Problems problems) {
    if (!spec.path("groups").isArray()) {
      problems.add("spec.groups must be a list");
      return;
    }
    for (JsonNode group : spec.path("groups")) {
      if (group.path("name").asText().isBlank() || !group.path("rules").isArray()) {
        problems.add("each group needs a name and a list of rules");
      }
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("alert").asText().isBlank() == rule.path("record").asText().isBlank()
            || rule.path("expr").asText().isBlank()) {
          problems.add("each rule needs an expr and exactly one of alert or record");
        }
      }
    }
  }

  private static void checkServiceMonitor(JsonNode spec, Problems problems) {
    if (spec.path("selector").path("matchLabels").isEmpty()) {
      problems.add("spec.selector.matchLabels is empty: it would scrape every Service of the namespace");
    }
    if (!spec.path("endpoints").isArray() || spec.path("endpoints").isEmpty()) {
      problems.add("spec.endpoints is required");
    }
    for (JsonNode endpoint : spec.path("endpoints")) {
      if (!endpoint.has("port") && !endpoint.has("targetPort")) {
        problems.add("each endpoint needs a port");
      }
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
