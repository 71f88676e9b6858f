package org.openucp.clinical.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H'};

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
    String id = api.as(Personas.GP).contentType("application/pdf").header("X-File-Name", "adrt.pdf")
        .body(ClinicalApi.PDF)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(201).body("size", equalTo(ClinicalApi.PDF.length)).extract().path("id");
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("adrt", Map.of("exists", true,
        "decision", "Refuses ventilation", "attachmentId", id))).then().statusCode(200);
    api.publish(Personas.GP, patient, revision + 1).then().statusCode(201);

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published")
        .then().body("content.adrt.attachmentId", equalTo(id));
    byte[] document = api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/attachments/" + id)
        .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
    assertThat(document).isEqualTo(ClinicalApi.PDF);

    api.withdraw(Personas.GP, patient).then().statusCode(200).body("attachmentsDeleted", equalTo(1));
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM attachment WHERE id = ?::uuid", id))
        .isZero();
  }

  @Test
  void shouldRefuseADocumentOverFiveMegabytesAsTooLarge() {
    String patient = api.publishedPlan(aPlan());
    byte[] large = java.util.Arrays.copyOf(ClinicalApi.PDF, 5 * 1024 * 1024 + 1);

    api.as(Personas.GP).contentType("application/pdf").body(large)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(413).contentType("application/problem+json");
  }

  @Test
  void shouldRefuseDocumentsOfOtherKinds() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType("text/plain").body("not a document")
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(415).contentType("application/problem+json");
  }

  @Test
  void shouldRefuseAPdfWhoseBytesAreNotAPdf() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType("application/pdf").header("X-File-Name", "adrt.pdf")
        .body("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII))
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(415).contentType("application/problem+json")
        .body("detail", containsString("The content is not a PDF"));
    api.as(Personas.GP).contentType("image/png").body(JPEG)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(415).body("detail", containsString("The content is not a PNG image"));

    assertThat(attachmentsOf(patient)).isZero();
  }

  @Test
  void shouldAcceptJpegAndPngDocumentsByTheirFirstBytes() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType("image/jpeg").body(JPEG)
        .when().post("/plans/" + patient + "/attachments").then().statusCode(201);
    api.as(Personas.GP).contentType("image/png").body(PNG)
        .when().post("/plans/" + patient + "/attachments").then().statusCode(201);
  }

  @Test
  void shouldAcceptADocumentOfFiveMegabytes() {
    String patient = api.publishedPlan(aPlan());
    byte[] fiveMegabytes = Arrays.copyOf(ClinicalApi.PDF, 5 * 1024 * 1024);

    api.as(Personas.GP).contentType("application/pdf").body(fiveMegabytes)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(201).body("size", equalTo(fiveMegabytes.length));
  }

  @Test
  void shouldServeDocumentsAsDownloadsThatBrowsersDoNotSniff() {
    String patient = api.publishedPlan(aPlan());
    String id = api.as(Personas.GP).contentType("application/pdf").header("X-File-Name", "../adrt \"signed\".pdf")
        .body(ClinicalApi.PDF).when().post("/plans/" + patient + "/attachments")
        .then().statusCode(201).extract().path("id");

    api.as(Personas.GP).when().get("/plans/" + patient + "/attachments/" + id)
        .then().statusCode(200)
        .header("Content-Disposition", equalTo("attachment; filename=\"adrt _signed_.pdf\""))
        .header("X-Content-Type-Options", equalTo("nosniff"));
  }

  @Test
  void shouldRefuseAnOverlongFileNameOrOneWithControlCharactersNamingTheHeader() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType("application/pdf").header("X-File-Name", "a".repeat(201) + ".pdf")
        .body(ClinicalApi.PDF)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].field", equalTo("X-File-Name"));
    // A tab is the one control character the HTTP layer lets through in a header (it refuses the others with a
    // bare 400); sent as raw bytes because client libraries rewrite control characters in header values.
    String answer = rawPost("/plans/" + patient + "/attachments", "Authorization: Bearer " + issuer.token(Personas.GP),
        "Content-Type: application/pdf", "X-File-Name: adrt\t.pdf");
    assertThat(answer).startsWith("HTTP/1.1 400").contains("\"field\":\"X-File-Name\"").contains("control characters");

    assertThat(attachmentsOf(patient)).isZero();
  }

  @Test
  void shouldNotLetUrgentCareAttachDocuments() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).contentType("application/pdf").body(ClinicalApi.PDF)
        .when().post("/plans/" + patient + "/attachments")
        .then().statusCode(403);
  }

  private static String rawPost(String path, String... headers) {
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      String head = "POST " + ClinicalApi.versionPath() + path
          + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: " + ClinicalApi.PDF.length + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(ClinicalApi.PDF);
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long attachmentsOf(String patient) {
    return new ClinicalTables(database).count("SELECT count(*) FROM attachment a JOIN care_plan p"
        + " ON p.id = a.plan_id WHERE p.nhs_number = ?", patient);
  }
}
