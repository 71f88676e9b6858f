package org.openucp.clinical.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** An urgent-care system that keeps its cursor sees every change to who has a plan, exactly once and in order. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class FlagFeedTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldFeedAdditionsChangesAndRemovalsInOrderExactlyOnce() {
    long cursor = readAll(0).cursor();
    String patient = api.publishedPlan(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().withPerson("address", "2 New Road"))
        .then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);

    Feed changes = readAll(cursor);
    assertThat(changes.of(patient)).extracting(change -> change.get("change")).containsExactly("ADDED", "CHANGED");
    assertThat(changes.of(patient).get(1)).containsEntry("address", "2 New Road")
        .containsEntry("familyName", "Smith").containsEntry("dateOfBirth", "1948-03-12");
    assertThat(readAll(changes.cursor()).all()).isEmpty();

    api.withdraw(Personas.GP, patient).then().statusCode(200);

    Feed removal = readAll(changes.cursor());
    assertThat(removal.of(patient)).extracting(change -> change.get("change")).containsExactly("REMOVED");
    assertThat(removal.of(patient).get(0)).containsEntry("familyName", null).containsEntry("address", null);
    assertThat(readAll(0).of(patient)).as("identifiers of a withdrawn patient are forgotten")
        .extracting(change -> change.get("change")).containsExactly("REMOVED");
  }

  @Test
  void shouldPageInStrictlyIncreasingOrder() {
    api.publishedPlan(aPlan());
    api.publishedPlan(aPlan());
    api.publishedPlan(aPlan());

    List<Long> cursors = new java.util.ArrayList<>();
    long cursor = 0;
    while (true) {
      JsonPath page = page(cursor, 2);
      List<Long> seen = page.getList("items.cursor", Long.class);
      if (seen.isEmpty()) {
        break;
      }
      cursors.addAll(seen);
      cursor = page.getLong("nextCursor");
      assertThat(page.getString("links.next")).startsWith("/v1/urgent-care/flags?")
          .contains("after=" + cursor).contains("limit=2");
    }
    assertThat(cursors).isSorted().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldServeTheFeedOnlyToUrgentCareSystems() {
    api.as(Personas.GP).when().get("/urgent-care/flags").then().statusCode(403);
    api.as(Personas.PORTAL_SERVICE).when().get("/urgent-care/flags").then().statusCode(403);
  }

  private JsonPath page(long after, int limit) {
    return api.as(Personas.URGENT_CARE_SYSTEM).queryParam("after", after).queryParam("limit", limit)
        .when().get("/urgent-care/flags").then().statusCode(200).extract().jsonPath();
  }

  private Feed readAll(long after) {
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    long cursor = after;
    while (true) {
      JsonPath page = page(cursor, 100);
      List<Map<String, Object>> changes = page.getList("items");
      if (changes.isEmpty()) {
        return new Feed(all, cursor);
      }
      all.addAll(changes);
      cursor = page.getLong("nextCursor");
    }
  }

  private record Feed(List<Map<String, Object>> all, long cursor) {
    List<Map<String, Object>> of(String nhsNumber) {
      return all.stream().filter(change -> nhsNumber.equals(change.get("nhsNumber"))).toList();
    }
  }
}
