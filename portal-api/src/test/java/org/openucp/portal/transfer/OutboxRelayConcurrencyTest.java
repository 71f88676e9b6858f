package org.openucp.portal.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

/**
 * Many relay runs side by side on one replica, as submissions nudge it under load, with more deliveries under way at
 * once than the pool has connections: each delivery must finish its own transaction. (Under the draft-move benchmark
 * deliveries whose draft deletes ran at the same moment as another's never committed, hibernate-reactive#1713.)
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
@TestProfile(OutboxRelayConcurrencyTest.SmallPool.class)
class OutboxRelayConcurrencyTest {

  /** A pool of three connections, and relay runs of two drafts each, so that runs overlap many times. */
  public static class SmallPool implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.datasource.reactive.max-size", "3", "portal.transfer.batch-size", "2");
    }
  }

  private static final int DRAFTS = 40;
  private static final int RELAY_RUNS = 12;

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  StubClinicalIntake intake;

  @Inject
  OutboxRelay relay;

  private PortalDatabase tables;

  @BeforeEach
  void reset() {
    tables = new PortalDatabase(database);
    intake.reset();
    tables.deleteAllDrafts();
  }

  @Test
  void shouldDeliverEveryDraftWhenDeliveriesOutnumberPoolConnections() throws Exception {
    List<UUID> submitted = new ArrayList<>();
    for (int i = 0; i < DRAFTS; i++) {
      submitted.add(submitDraft(NhsNumbers.freshPatient()));
    }

    int moved = 0;
    ExecutorService runs = Executors.newFixedThreadPool(RELAY_RUNS);
    try {
      List<Callable<Integer>> concurrentRuns = new ArrayList<>();
      for (int i = 0; i < RELAY_RUNS; i++) {
        concurrentRuns.add(this::relayUntilNoneDue);
      }
      for (Future<Integer> run : runs.invokeAll(concurrentRuns)) {
        moved += run.get();
      }
    } finally {
      runs.shutdownNow();
    }

    assertThat(moved).as("drafts moved, none of them given up after the delivery timeout").isEqualTo(DRAFTS);
    assertThat(intake.deliveries()).extracting(StubClinicalIntake.Delivery::idempotencyKey)
        .containsExactlyInAnyOrderElementsOf(submitted.stream().map(UUID::toString).toList());
    submitted.forEach(draft -> assertThat(tables.draftExists(draft)).isFalse());
  }

  /** A relay run started again and again, each on a context of its own, until one finds nothing due. */
  private int relayUntilNoneDue() throws Exception {
    int moved = 0;
    int last;
    do {
      try {
        last = VertxContextSupport.subscribeAndAwait(relay::relayDue);
      } catch (Throwable e) {
        throw new Exception(e);
      }
      moved += last;
    } while (last > 0);
    return moved;
  }

  private UUID submitDraft(Persona patient) {
    String token = issuer.token(patient);
    String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");
    given().auth().oauth2(token).header("If-Match", "\"0\"")
        .when().post("/drafts/" + id + "/submission").then().statusCode(202);
    return UUID.fromString(id);
  }
}
