package org.openucp.clinical.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** A signed ADRT travels with the plan as an attached document, and goes with it on withdrawal. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AttachmentTest {

  private static final byte[] PDF = "%PDF-1.4\n% a scanned ADRT\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldAttachAnAdrtThatUrgentCareCanOpenAndWithdrawalDeletes() {
    String patient = api.publishedPlan(aPlan());
    String id = api.as(Personas.GP).contentType("application/pdf").header("X-File-Name", "adrt.pdf").body(PDF)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(201).body("size", equalTo(PDF.length)).extract().path("id");
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("adrt", Map.of("exists", true,
        "decision", "Refuses ventilation", "attachmentId", id))).then().statusCode(200);
    api.publish(Personas.GP, patient, revision + 1).then().statusCode(201);

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published")
        .then().body("content.adrt.attachmentId", equalTo(id));
    byte[] document = api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/attachments/" + id)
        .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
    assertThat(document).isEqualTo(PDF);

    api.withdraw(Personas.GP, patient).then().statusCode(200).body("attachmentsDeleted", equalTo(1));
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM attachment WHERE id = ?::uuid", id))
        .isZero();
  }

  @Test
  void shouldRefuseDocumentsOfOtherKinds() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType("text/plain").body("not a document")
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(415).contentType("application/problem+json");
  }

  @Test
  void shouldNotLetUrgentCareAttachDocuments() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).contentType("application/pdf").body(PDF)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(403);
  }
}
