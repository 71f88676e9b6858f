package org.openucp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.deploy.Repository.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucp.deploy.Repository.Service;

/**
 * What each service's build generated (target/kubernetes/kubernetes.yml): valid against the Kubernetes API, and
 * giving the pods what they need to run safely.
 */
class GeneratedManifestsIT {

  private static final int HTTP_PORT = 8080;
  private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|SECRET|USERNAME|PRIVATE|SIGNING_KEY).*");

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void everyManifestMatchesTheKubernetesApiWithNoUnknownField(String name) {
    List<StrictManifests.Manifest> manifests = Repository.read(Repository.generated(name));

    assertThat(StrictManifests.problems(manifests)).isEmpty();
    assertThat(manifests.stream().map(StrictManifests.Manifest::id))
        .as("one resource of each kind and name").doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void deployBaseHoldsExactlyWhatThisBuildGenerated(String name) throws IOException {
    assertThat(Files.mismatch(Repository.generated(name), Repository.copied(name)))
        .as("deploy/base/%s/generated/kubernetes.yml is a copy of this build's manifests", name).isEqualTo(-1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void podsRunAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities(String name) {
    Service service = Service.generatedBy(name);
    for (PodSpec pod : List.of(service.deployment().getSpec().getTemplate().getSpec(),
        service.migrationJob().getSpec().getTemplate().getSpec())) {
      PodSecurityContext podContext = pod.getSecurityContext();
      assertThat(podContext.getRunAsNonRoot()).isTrue();
      List<Container> containers = new ArrayList<>(pod.getContainers());
      containers.addAll(pod.getInitContainers());
      assertThat(containers).allSatisfy(container -> {
        SecurityContext context = container.getSecurityContext();
        assertThat(context).as(container.getName()).isNotNull();
        assertThat(context.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
        assertThat(context.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
        assertThat(context.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd()).as(container.getName()).isNullOrEmpty();
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
            : podContext.getSeccompProfile() == null ? null : podContext.getSeccompProfile().getType();
        assertThat(seccomp).as(container.getName()).isEqualTo("RuntimeDefault");
        assertThat(container.getVolumeMounts()).as("%s writes only to /tmp", container.getName())
            .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
      });
      Volume tmp = pod.getVolumes().stream().filter(volume -> volume.getName().equals("tmp")).findFirst().orElseThrow();
      assertThat(tmp.getEmptyDir()).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void probesCheckStartedReadyAndLiveOnTheServingPort(String name) {
    Container container = Service.generatedBy(name).container();

    assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("http", HTTP_PORT));
    assertThat(pathAndPort(container.getStartupProbe())).isEqualTo("/q/health/started:" + HTTP_PORT);
    assertThat(pathAndPort(container.getReadinessProbe())).isEqualTo("/q/health/ready:" + HTTP_PORT);
    assertThat(pathAndPort(container.getLivenessProbe())).isEqualTo("/q/health/live:" + HTTP_PORT);
    assertThat(window(container.getStartupProbe())).as("seconds a slow start may take").isBetween(120, 600);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void readinessRidesOutADatabaseBlipAndLivenessIgnoresTheDatabase(String name) {
    Container container = Service.generatedBy(name).container();

    // A pod leaves the Service after about half a minute of failed readiness checks, not at the first one.
    assertThat(container.getReadinessProbe().getFailureThreshold()).isGreaterThanOrEqualTo(3);
    assertThat(window(container.getReadinessProbe())).isBetween(20, 60);
    assertThat(container.getReadinessProbe().getTimeoutSeconds()).isLessThan(
        container.getReadinessProbe().getPeriodSeconds());
    // /q/health/live has no database check: an outage never restarts the pods.
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).doesNotContain("ready");
    assertThat(window(container.getLivenessProbe())).isGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void everyContainerRequestsAndLimitsCpuAndMemory(String name) {
    Service service = Service.generatedBy(name);
    PodSpec pod = service.deployment().getSpec().getTemplate().getSpec();
    List<Container> containers = new ArrayList<>(pod.getContainers());
    containers.addAll(pod.getInitContainers());
    containers.addAll(service.migrationJob().getSpec().getTemplate().getSpec().getContainers());

    assertThat(containers).allSatisfy(container -> {
      Map<String, Quantity> requests = container.getResources().getRequests();
      Map<String, Quantity> limits = container.getResources().getLimits();
      assertThat(requests).as(container.getName()).containsKeys("cpu", "memory");
      assertThat(limits).as(container.getName()).containsKeys("cpu", "memory");
      assertThat(Quantity.getAmountInBytes(limits.get("memory")))
          .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
      assertThat(Quantity.getAmountInBytes(limits.get("cpu")))
          .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("cpu")));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void everyRequiredSettingReachesThePodFromTheConfigMapOrASecret(String name) {
    Service service = Service.generatedBy(name);
    Container container = service.container();
    assertThat(container.getEnvFrom()).extracting(source -> source.getConfigMapRef().getName())
        .containsExactly(service.configMap().getMetadata().getName());
    Set<String> provided = new HashSet<>(service.configMap().getData().keySet());
    container.getEnv().stream()
        .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
        .map(EnvVar::getName).forEach(provided::add);

    assertThat(service.requiredEnvironmentVariables()).isNotEmpty();
    assertThat(provided).containsAll(service.requiredEnvironmentVariables())
        .contains("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void credentialsReachThePodsOnlyAsSecretReferences(String name) {
    Service service = Service.generatedBy(name);
    List<EnvVar> variables = Stream.concat(service.container().getEnv().stream(),
        service.migrationJob().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()).toList();

    assertThat(variables).filteredOn(env -> CREDENTIAL.matcher(env.getName()).matches()).isNotEmpty()
        .allSatisfy(env -> {
          assertThat(env.getValue()).as(env.getName()).isNull();
          assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(env.getName()).isNotBlank();
        });
    assertThat(service.configMap().getData().keySet()).noneMatch(key -> CREDENTIAL.matcher(key).matches());
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void onlyTheMigrationJobHoldsTheMigrationRole(String name) {
    Service service = Service.generatedBy(name);
    String migration = "openucp-" + service.database() + "-migration";
    String runtime = "openucp-" + service.database() + "-runtime";
    Container pod = service.container();
    Container job = service.migrationJob().getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(secretOf(job, "QUARKUS_FLYWAY_USERNAME")).isEqualTo(migration + "/username");
    assertThat(secretOf(job, "QUARKUS_FLYWAY_PASSWORD")).isEqualTo(migration + "/password");
    assertThat(env(job, "QUARKUS_FLYWAY_ACTIVE").orElseThrow().getValue()).isEqualTo("true");
    assertThat(env(job, "QUARKUS_INIT_AND_EXIT").orElseThrow().getValue()).isEqualTo("true");
    // The migrations grant the runtime role its rows: the role named by quarkus.datasource.username (Flyway
    // placeholder runtime_role), which the Job shares with the pods.
    assertThat(secretOf(job, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(runtime + "/username");

    assertThat(secretOf(pod, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo(runtime + "/username");
    assertThat(secretOf(pod, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(runtime + "/password");
    assertThat(env(pod, "QUARKUS_FLYWAY_ACTIVE").orElseThrow().getValue()).isEqualTo("false");
    assertThat(pod.getEnv()).noneMatch(env -> env.getName().startsWith("QUARKUS_FLYWAY_USERNAME")
        || env.getName().startsWith("QUARKUS_FLYWAY_PASSWORD"));
    assertThat(service.deployment().toString()).doesNotContain(migration);
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void podsWaitForTheMigrationJobOfTheirRelease(String name) {
    Service service = Service.generatedBy(name);
    Deployment deployment = service.deployment();
    Job job = service.migrationJob();
    Container waiter = deployment.getSpec().getTemplate().getSpec().getInitContainers().stream()
        .filter(container -> container.getName().equals("wait-for-flyway")).findFirst().orElseThrow();

    assertThat(waiter.getArgs()).containsExactly("job", job.getMetadata().getName());
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .as("the Job migrates with the release's own image").isEqualTo(service.container().getImage());
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isIn("OnFailure", "Never");
    assertThat(job.getSpec().getTtlSecondsAfterFinished())
        .as("a pod starting later still finds the finished Job").isNull();
    String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
    assertThat(service.find(ServiceAccount.class, account)).isPresent();
    RoleBinding binding = service.all(RoleBinding.class).stream()
        .filter(candidate -> candidate.getSubjects().stream().anyMatch(subject -> subject.getName().equals(account)))
        .findFirst().orElseThrow();
    Role role = service.one(Role.class, binding.getRoleRef().getName());
    assertThat(role.getRules()).anySatisfy(rule -> {
      assertThat(rule.getApiGroups()).contains("batch");
      assertThat(rule.getResources()).contains("jobs");
      assertThat(rule.getVerbs()).containsExactly("get");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void ingressServesOnlyTlsForItsHostToTheService(String name) {
    Service service = Service.generatedBy(name);
    Ingress ingress = service.one(Ingress.class, name);
    io.fabric8.kubernetes.api.model.Service backend = service.one(io.fabric8.kubernetes.api.model.Service.class, name);

    assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
      assertThat(tls.getSecretName()).isNotBlank();
      assertThat(tls.getHosts()).containsExactly(ingress.getSpec().getRules().get(0).getHost());
    });
    assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule ->
        assertThat(rule.getHttp().getPaths()).allSatisfy(path -> {
          assertThat(path.getBackend().getService().getName()).isEqualTo(name);
          assertThat(backend.getSpec().getPorts()).anySatisfy(port ->
              assertThat(port.getName()).isEqualTo(path.getBackend().getService().getPort().getName()));
        }));
    assertThat(backend.getSpec().getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString(HTTP_PORT)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void autoscalerAndDisruptionBudgetKeepTheServiceUpThroughDrainsAndLoad(String name) {
    Service service = Service.generatedBy(name);
    Map<String, String> podLabels = service.deployment().getSpec().getTemplate().getMetadata().getLabels();
    HorizontalPodAutoscaler autoscaler = service.one(HorizontalPodAutoscaler.class, name);
    PodDisruptionBudget budget = service.one(PodDisruptionBudget.class, name);

    assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
    assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2)
        .isEqualTo(service.deployment().getSpec().getReplicas());
    assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(autoscaler.getSpec().getMinReplicas());
    assertThat(autoscaler.getSpec().getMetrics()).anySatisfy(metric -> {
      assertThat(metric.getResource().getName()).isEqualTo("cpu");
      assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(50, 90);
    });
    assertThat(budget.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
    assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(service.one(io.fabric8.kubernetes.api.model.Service.class, name)
        .getSpec().getSelector());
    assertThat(service.deployment().getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
        .isEqualTo(new IntOrString("0"));
  }

  @Test
  void onlyTheIngressControllerPrometheusAndThePortalReachTheClinicalApi() {
    Service clinical = Service.generatedBy("clinical-api");
    NetworkPolicy policy = clinical.one(NetworkPolicy.class, "clinical-api");

    assertSelectsPods(policy, clinical);
    assertThat(policy.getSpec().getIngress()).allSatisfy(rule ->
        assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort).containsExactly(new IntOrString(HTTP_PORT)));
    assertThat(policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
        .map(GeneratedManifestsIT::describe))
        .containsExactlyInAnyOrder("namespace ingress-nginx", "namespace monitoring", "pods portal-api");
  }

  @Test
  void onlyTheIngressControllerAndPrometheusReachThePortal() {
    Service portal = Service.generatedBy("portal-api");
    NetworkPolicy policy = portal.one(NetworkPolicy.class, "portal-api");

    assertSelectsPods(policy, portal);
    assertThat(policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
        .map(GeneratedManifestsIT::describe))
        .containsExactlyInAnyOrder("namespace ingress-nginx", "namespace monitoring");
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void podsReachOnlyDnsPostgresqlHttpsAndTraceCollection(String name) {
    Service service = Service.generatedBy(name);
    Map<String, Set<String>> egress = egress(service.one(NetworkPolicy.class, name));

    assertThat(egress).containsEntry("pods k8s-app=kube-dns in kube-system", Set.of("UDP/53", "TCP/53"))
        .containsEntry("pods cnpg.io/podRole=instance", Set.of("TCP/5432"))
        .containsEntry("namespace monitoring", Set.of("TCP/4317"));
    assertThat(egress.get("0.0.0.0/0")).contains("TCP/443");
    if (name.equals("portal-api")) {
      assertThat(egress).hasSize(5).containsEntry("pods clinical-api", Set.of("TCP/" + HTTP_PORT));
      assertThat(egress.get("0.0.0.0/0")).containsExactlyInAnyOrder("TCP/443", "TCP/587", "TCP/465");
    } else {
      assertThat(egress).hasSize(4);
      assertThat(egress.get("0.0.0.0/0")).containsExactly("TCP/443");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"clinical-api", "portal-api"})
  void theMigrationJobTakesNoConnectionsAndReachesOnlyDnsAndPostgresql(String name) {
    Service service = Service.generatedBy(name);
    Job job = service.migrationJob();
    NetworkPolicy policy = service.one(NetworkPolicy.class, name + "-flyway-init");

    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress()).isEmpty();
    assertThat(egress(policy)).containsOnlyKeys("pods k8s-app=kube-dns in kube-system", "pods cnpg.io/podRole=instance")
        .containsEntry("pods cnpg.io/podRole=instance", Set.of("TCP/5432"));
    assertThat(service.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .as("the Job's pods are not the Deployment's").doesNotContainEntry("app.kubernetes.io/name",
            job.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name"));
  }

  @Test
  void portalReachesTheClinicalApiThroughItsServiceOnTheOpenedPort() {
    Service clinical = Service.generatedBy("clinical-api");
    Service portal = Service.generatedBy("portal-api");
    io.fabric8.kubernetes.api.model.Service clinicalService =
        clinical.one(io.fabric8.kubernetes.api.model.Service.class, "clinical-api");
    int servicePort = clinicalService.getSpec().getPorts().get(0).getPort();
    String url = portal.configMap().getData().get("QUARKUS_REST_CLIENT_CLINICAL_INTAKE_URL");

    assertThat(url).isIn("http://clinical-api" + (servicePort == 80 ? "" : ":" + servicePort),
        "http://clinical-api:" + servicePort);
    assertThat(egress(portal.one(NetworkPolicy.class, "portal-api")).get("pods clinical-api"))
        .containsExactly("TCP/" + clinical.container().getPorts().get(0).getContainerPort());
    assertThat(clinical.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "clinical-api");
  }

  @Test
  void bothBuildsGenerateTheSameRoleSoThatOneNamespaceHoldsItOnce() {
    List<Role> roles = Repository.SERVICES.stream()
        .map(name -> Service.generatedBy(name).one(Role.class, "view-jobs")).toList();

    assertThat(roles.get(0).getRules()).isEqualTo(roles.get(1).getRules());
  }

  private static void assertSelectsPods(NetworkPolicy policy, Service service) {
    assertThat(service.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
  }

  /** Each destination of a policy's egress rules with the ports allowed to it. */
  private static Map<String, Set<String>> egress(NetworkPolicy policy) {
    return policy.getSpec().getEgress().stream()
        .flatMap(rule -> rule.getTo().stream().map(peer -> Map.entry(describe(peer), rule.getPorts().stream()
            .map(port -> port.getProtocol() + "/" + port.getPort().getIntVal()).collect(Collectors.toSet()))))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> {
          Set<String> both = new HashSet<>(a);
          both.addAll(b);
          return both;
        }));
  }

  private static String describe(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return peer.getIpBlock().getCidr();
    }
    String namespace = peer.getNamespaceSelector() == null ? null
        : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
    if (peer.getPodSelector() == null) {
      return "namespace " + namespace;
    }
    Map<String, String> labels = peer.getPodSelector().getMatchLabels();
    String pods = labels.containsKey("app.kubernetes.io/name") ? labels.get("app.kubernetes.io/name")
        : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    return "pods " + pods + (namespace == null ? "" : " in " + namespace);
  }

  private static String pathAndPort(Probe probe) {
    return probe.getHttpGet().getPath() + ":" + probe.getHttpGet().getPort().getIntVal();
  }

  /** How long the probe may keep failing before Kubernetes acts, in seconds. */
  private static int window(Probe probe) {
    return probe.getPeriodSeconds() * probe.getFailureThreshold();
  }

  private static String secretOf(Container container, String variable) {
    var reference = env(container, variable).orElseThrow(() -> new AssertionError(variable + " is not set"))
        .getValueFrom().getSecretKeyRef();
    return reference.getName() + "/" + reference.getKey();
  }
}
