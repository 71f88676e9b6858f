package org.openucp.clinical.urgentcare;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.infra.NhsNumbers;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.Plans;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** Urgent care finds the published plan in one request, by number or by demographics, and never a draft. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class CrisisLookupTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @TestHTTPResource("/")
  URI base;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldShowTheCrisisViewOfThePublishedPlanByNhsNumber() {
    String patient = api.publishedPlan(aPlan().withDnacpr()
        .with("otherTreatmentRecommendations", "Oxygen at home; avoid admission if possible")
        .with("keySupporters", List.of(Map.of("name", "Mary Smith", "relationship", "Daughter",
            "telephone", "020 7946 0000", "lpa", "WITH_LIFE_SUSTAINING_TREATMENT")))
        .with("adrt", Map.of("exists", true, "decision", "Refuses ventilation", "documentLocation", "Kitchen")));

    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999: collapsed at home")
        .when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200)
        .body("identity.name", equalTo("Edith Smith"))
        .body("identity.nhsNumber", equalTo(patient))
        .body("cpr.decision", equalTo("CPR_NOT_RECOMMENDED"))
        .body("cpr.snomedCode", equalTo("450476008"))
        .body("cpr.expired", equalTo(false))
        .body("treatment.ceiling", equalTo("SELECTIVE_TREATMENT"))
        .body("treatment.recommendations", equalTo("Oxygen at home; avoid admission if possible"))
        .body("preferences.placeOfCare", equalTo("HOME"))
        .body("preferences.placeOfDeath", equalTo("HOME"))
        .body("medicines.allergies[0].substance", equalTo("Penicillin"))
        .body("medicines.keyMedicines[0].name", equalTo("Morphine sulfate MR"))
        .body("medicines.anticipatory.whereKept", equalTo("Kitchen drawer, blue box"))
        .body("representation.attorneys[0].name", equalTo("Mary Smith"))
        .body("representation.attorneys[0].lpa", equalTo("WITH_LIFE_SUSTAINING_TREATMENT"))
        .body("contacts.find { it.role == 'key supporter' }.telephone", equalTo("020 7946 0000"))
        .body("adrt.present", equalTo(true))
        .body("banner.version", equalTo(1))
        .body("banner.publishedBy", equalTo("Dr Jane Doe"))
        .body("banner.organisation", equalTo("A83008"))
        .body("banner.reviewOverdue", equalTo(false))
        .body("links.fullPlan", endsWith("/versions/1"));
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND "
        + "action = 'lookup.by-number' AND reason = '999: collapsed at home' AND plan_version = 1", patient))
        .isEqualTo(1);
  }

  @Test
  void shouldRecordEveryLookupOnceWhoeverAsksAndWhateverTheOutcome() {
    String patient = api.publishedPlan(aPlan());
    String nobody = NhsNumbers.fresh();
    String paramedicToken = issuer.token(Personas.PARAMEDIC);

    for (int i = 0; i < 2; i++) {
      given().auth().oauth2(paramedicToken).header("X-Access-Reason", "111 call")
          .when().get("/urgent-care/patients/" + patient).then().statusCode(200);
    }
    given().auth().oauth2(paramedicToken)
        .when().get("/urgent-care/patients/" + nobody).then().statusCode(404);
    api.as(Personas.PLATFORM_ADMIN).when().get("/urgent-care/patients/" + patient).then().statusCode(403);

    ClinicalTables tables = new ClinicalTables(database);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'lookup.by-number'"
        + " AND outcome = 'SUCCESS' AND http_status = 200 AND actor_id = ? AND role_code = 'R1070'"
        + " AND organisation = ? AND reason = '111 call' AND plan_version = 1", patient,
        Personas.PARAMEDIC.subject(), Personas.PARAMEDIC.organisation())).isEqualTo(2);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'lookup.by-number'"
        + " AND outcome = 'FAILED' AND http_status = 404 AND plan_id IS NULL", nobody)).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'lookup.by-number'"
        + " AND outcome = 'DENIED' AND http_status = 403", patient)).isEqualTo(1);
  }

  @Test
  void shouldAnswerManyLookupsAtOnceEachWithItsOwnPlanAndItsOwnAuditEvent() throws Exception {
    List<String> patients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      patients.add(api.publishedPlan(aPlan()));
    }
    String nobody = NhsNumbers.fresh();
    String reason = "major incident " + UUID.randomUUID();
    String token = issuer.token(Personas.PARAMEDIC);
    HttpClient client = HttpClient.newHttpClient();
    List<String> asked = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String patient = i % 10 == 9 ? nobody : patients.get(i % patients.size());
      asked.add(patient);
      answers.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("urgent-care/patients/" + patient))
          .header("Authorization", "Bearer " + token).header("X-Access-Reason", reason).build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    for (int i = 0; i < asked.size(); i++) {
      HttpResponse<String> answer = answers.get(i).get(30, TimeUnit.SECONDS);
      if (asked.get(i).equals(nobody)) {
        assertThat(answer.statusCode()).isEqualTo(404);
      } else {
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(answer.body()).getString("identity.nhsNumber")).isEqualTo(asked.get(i));
      }
    }
    ClinicalTables tables = new ClinicalTables(database);
    for (String patient : patients) {
      assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND reason = ?"
          + " AND outcome = 'SUCCESS' AND plan_version = 1", patient, reason))
          .isEqualTo(asked.stream().filter(patient::equals).count());
    }
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND reason = ?"
        + " AND outcome = 'FAILED' AND http_status = 404", nobody, reason)).isEqualTo(6);
  }

  @Test
  void shouldSayWhenTheReviewIsOverdue() {
    String patient = api.publishedPlan(aPlan().with("plannedReviewDate", LocalDate.now().minusDays(3).toString()));

    api.as(Personas.CALL_HANDLER_111).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200).body("banner.reviewOverdue", equalTo(true));
  }

  @Test
  void shouldNeverShowADraft() {
    String draftOnly = NhsNumbers.fresh();
    api.initiate(Personas.GP, draftOnly, aPlan()).then().statusCode(201);
    String revised = api.publishedPlan(aPlan().with("whatMattersToMe", "published"));
    api.saveDraft(Personas.GP, revised, api.revision(revised), aPlan().withDnacpr()).then().statusCode(200);

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + draftOnly).then().statusCode(404);
    api.as(Personas.GP).when().get("/urgent-care/patients/" + draftOnly).then().statusCode(404);
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + revised)
        .then().statusCode(200).body("cpr.decision", equalTo("CPR_RECOMMENDED"));
  }

  @Test
  void shouldFindOnePersonByDemographicsWhateverTheCaseAndSpacing() {
    String family = uniqueFamilyName();
    String patient = api.publishedPlan(person(family, "1950-05-01", "N1 9GU"));

    api.as(Personas.CALL_HANDLER_111)
        .queryParam("familyName", "  " + family.toUpperCase().replace("-", " ") + " ")
        .queryParam("dateOfBirth", "1950-05-01").queryParam("postcode", "n19gu")
        .when().get("/urgent-care/patients")
        .then().statusCode(200)
        .body("matches", equalTo(1))
        .body("plan.identity.nhsNumber", equalTo(patient))
        .body("candidates", hasSize(0));
  }

  @Test
  void shouldOfferAShortListWhenSeveralPeopleMatchAndNoPlanOfTheWrongPerson() {
    String family = uniqueFamilyName();
    String first = api.publishedPlan(person(family, "1950-05-01", "N1 9GU"));
    String second = api.publishedPlan(person(family, "1950-05-01", "E8 1AA"));

    api.as(Personas.PARAMEDIC).queryParam("familyName", family).queryParam("dateOfBirth", "1950-05-01")
        .when().get("/urgent-care/patients")
        .then().statusCode(200)
        .body("matches", equalTo(2))
        .body("plan", nullValue())
        .body("candidates.nhsNumber", containsInAnyOrder(first, second));
    api.as(Personas.PARAMEDIC).queryParam("familyName", family).queryParam("dateOfBirth", "1950-05-01")
        .queryParam("postcode", "E81AA")
        .when().get("/urgent-care/patients")
        .then().statusCode(200).body("plan.identity.nhsNumber", equalTo(second));
  }

  @Test
  void shouldAnswer404WhenNobodyMatchesAnd400WhenTheSearchIsIncomplete() {
    api.as(Personas.PARAMEDIC).queryParam("familyName", uniqueFamilyName()).queryParam("dateOfBirth", "1950-05-01")
        .when().get("/urgent-care/patients").then().statusCode(404);
    api.as(Personas.PARAMEDIC).queryParam("familyName", "Smith")
        .when().get("/urgent-care/patients")
        .then().statusCode(400).body("errors[0].field", equalTo("dateOfBirth"));
  }

  private static Plans person(String family, String dateOfBirth, String postcode) {
    return aPlan().withPerson("familyName", family).withPerson("dateOfBirth", dateOfBirth)
        .withPerson("postcode", postcode);
  }

  private static String uniqueFamilyName() {
    return "O'Test-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 26).replaceAll("[0-9]", "x");
  }
}
