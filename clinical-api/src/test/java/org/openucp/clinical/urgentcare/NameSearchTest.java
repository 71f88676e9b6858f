package org.openucp.clinical.urgentcare;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** A call handler finds a family name however they type it, and still never gets one of several people's plans. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class NameSearchTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;
  private String born;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    born = LocalDate.of(1900, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).toString();
  }

  @Test
  void shouldFindANameWhateverDiacriticsTheCallHandlerTypes() {
    String nguyen = published("Nguyễn");
    String lukasiewicz = published("Łukasiewicz-Ğül");

    for (String typed : new String[] {"nguyen", "NGUYỄN", "Nguyen", "nguyễn"}) {
      search(typed).body("matches", equalTo(1)).body("plan.identity.nhsNumber", equalTo(nguyen));
    }
    for (String typed : new String[] {"lukasiewicz gul", "Łukasiewicz-Ğül", "LUKASIEWICZGUL"}) {
      search(typed).body("matches", equalTo(1)).body("plan.identity.nhsNumber", equalTo(lukasiewicz));
    }
  }

  @Test
  void shouldFindAnUmlautTypedPlainOrSpeltOut() {
    String muller = published("Müller");

    for (String typed : new String[] {"muller", "mueller", "MÜLLER", "Mueller"}) {
      search(typed).body("matches", equalTo(1)).body("plan.identity.nhsNumber", equalTo(muller));
    }
  }

  @Test
  void shouldListEveryoneTheFoldedNameMatchesRatherThanPickOne() {
    published("Müller");
    published("Muller");
    published("Mueller");

    search("Müller").body("matches", equalTo(3)).body("plan", nullValue());
    search("mueller").body("matches", equalTo(2)).body("plan", nullValue());
    search("muller").body("matches", equalTo(2)).body("plan", nullValue());
  }

  private String published(String familyName) {
    return api.publishedPlan(aPlan().withPerson("familyName", familyName).withPerson("dateOfBirth", born));
  }

  private ValidatableResponse search(String familyName) {
    return api.as(Personas.PARAMEDIC).queryParam("familyName", familyName).queryParam("dateOfBirth", born)
        .when().get("/urgent-care/patients").then().statusCode(200);
  }
}
