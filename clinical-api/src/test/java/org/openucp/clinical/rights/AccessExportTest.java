package org.openucp.clinical.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** The copy of everything held about a patient that answers their access request. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AccessExportTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldExportEveryVersionTheConsentTheSubmissionsAndEachOrganisationThatReadThePlan() {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "version one"));
    api.deliver(aSubmittedDraft().with("nhsNumber", patient));
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "version two"))
        .then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);
    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999 call").when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200);
    String request = verifiedAccessRequest(patient);

    JsonPath export = api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + request + "/access-export")
        .then().statusCode(200).extract().jsonPath();

    assertThat(export.getString("nhsNumber")).isEqualTo(patient);
    assertThat(export.getList("plan.versions.content.whatMattersToMe")).containsExactly("version one", "version two");
    assertThat(export.getString("plan.consent.basis")).isNotBlank();
    assertThat(export.getList("plan.careTeam.organisationName")).contains("Demo Medical Practice");
    assertThat(export.getList("submissions")).hasSize(1);
    assertThat(export.getList("accessLog.findAll { it.organisation == 'RRU' }.action"))
        .contains("lookup.by-number");
    assertThat(export.getList("accessLog.statedReason")).contains("999 call");
    assertThat(export.getMap("explanation")).containsKeys("purposes", "categories", "recipients", "retention",
        "rights", "complaint", "source", "automatedDecisions");
    assertThat(export.getList("rightsRequests.id")).contains(request);
  }

  @Test
  void shouldExportOnlyOnceTheRequestersIdentityIsVerifiedAndOnlyForAccessOrPortability() {
    String patient = api.publishedPlan(aPlan());
    String unverified = record(patient, "ACCESS");
    String erasure = record(patient, "ERASURE");

    api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + unverified + "/access-export")
        .then().statusCode(409).body("type", equalTo("https://openucp.org/problems/identity-not-verified"));
    api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + erasure + "/access-export")
        .then().statusCode(409).body("type", equalTo("https://openucp.org/problems/not-an-access-request"));
    api.as(Personas.GP).when().get("/rights-requests/" + verifiedAccessRequest(patient) + "/access-export")
        .then().statusCode(403);
  }

  private String verifiedAccessRequest(String patient) {
    String id = record(patient, "ACCESS");
    String etag = api.as(Personas.IG_OFFICER).when().get("/rights-requests/" + id).then().extract().header("ETag");
    api.as(Personas.IG_OFFICER).header("If-Match", etag).contentType(ContentType.JSON)
        .body(Map.of("method", "Seen in person with photo ID"))
        .when().post("/rights-requests/" + id + "/identity-verification").then().statusCode(200);
    return id;
  }

  private String record(String patient, String kind) {
    return api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", kind, "receivedVia", "LETTER", "requester", "The patient"))
        .when().post("/rights-requests").then().statusCode(201).extract().path("id");
  }
}
