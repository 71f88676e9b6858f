package org.openucp.clinical.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/** Every patient a read shows is in the audit trail, reads of the trail are audited, and no access gets lost. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AuditCompletenessTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;
  private ClinicalTables tables;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
  }

  @Test
  void shouldRecordEveryPatientTheInboxShowed() {
    List<String> patients = List.of(NhsNumbers.fresh(), NhsNumbers.fresh());
    patients.forEach(patient -> api.deliver(aSubmittedDraft().with("nhsNumber", patient)));

    api.inbox(Personas.GP, false);

    for (String patient : patients) {
      assertThat(events(patient, "intake.inbox")).as(patient).isEqualTo(1);
    }
  }

  @Test
  void shouldRecordEveryPersonASearchByDemographicsListed() {
    String family = "Listed" + Long.toString(System.nanoTime(), 26).replaceAll("[0-9]", "x");
    String first = api.publishedPlan(aPlan().withPerson("familyName", family).withPerson("dateOfBirth", "1950-05-01"));
    String second = api.publishedPlan(aPlan().withPerson("familyName", family).withPerson("dateOfBirth", "1950-05-01")
        .withPerson("postcode", "N1 9GU"));

    api.as(Personas.PARAMEDIC).queryParam("familyName", family).queryParam("dateOfBirth", "1950-05-01")
        .when().get("/urgent-care/patients").then().statusCode(200).body("matches", equalTo(2));

    assertThat(events(first, "lookup.by-demographics")).isEqualTo(1);
    assertThat(events(second, "lookup.by-demographics")).isEqualTo(1);
  }

  @Test
  void shouldRecordEveryPatientAnAuditSearchShowed() {
    String first = api.publishedPlan(aPlan());
    String second = api.publishedPlan(aPlan());

    api.as(Personas.PLATFORM_ADMIN).queryParam("organisation", Personas.DEMO_PRACTICE).queryParam("size", 500)
        .when().get("/audit/events").then().statusCode(200);

    assertThat(events(first, "audit.search")).isEqualTo(1);
    assertThat(events(second, "audit.search")).isEqualTo(1);
  }

  @Test
  void shouldAuditReadsOfTheAuditTrailAndItsVerification() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PLATFORM_ADMIN).queryParam("nhsNumber", patient).when().get("/audit/events")
        .then().statusCode(200);
    api.as(Personas.PLATFORM_ADMIN).when().get("/audit/chain/verification").then().statusCode(200);

    assertThat(events(patient, "audit.search")).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE action = 'audit.verify' AND actor_id = ?",
        Personas.PLATFORM_ADMIN.subject())).isPositive();
  }

  @Test
  void shouldKeepEverySuccessfulAccessInThePatientsLogHoweverManyRefusalsFollow() {
    String patient = api.publishedPlan(aPlan());
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published").then().statusCode(200);
    for (int i = 0; i < 500; i++) {
      api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/draft").then().statusCode(403);
    }

    api.asPortalFor(patient).when().get("/patient-access/" + patient + "/access-log")
        .then().statusCode(200)
        .body("items.organisation", hasItem(Personas.DEMO_AMBULANCE_TRUST))
        .body("items.action", hasItem("plan.read"));
  }

  private long events(String patient, String action) {
    return tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = ? AND outcome = "
        + "'SUCCESS'", patient, action);
  }
}
