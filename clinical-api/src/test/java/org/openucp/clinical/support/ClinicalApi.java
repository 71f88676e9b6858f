package org.openucp.clinical.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** The clinical API as a test drives it: one method per user action, each with real signed tokens. */
public final class ClinicalApi {

  private final LocalIssuer issuer;

  public ClinicalApi(LocalIssuer issuer) {
    this.issuer = issuer;
  }

  public RequestSpecification as(Persona persona) {
    return given().auth().oauth2(issuer.token(persona));
  }

  /** Initiates a plan with the patient's explicit consent, recorded in the same request. */
  public Response initiate(Persona persona, String nhsNumber, Plans plan) {
    return initiate(persona, nhsNumber, plan, "EXPLICIT_CONSENT");
  }

  public Response initiate(Persona persona, String nhsNumber, Plans plan, String consentBasis) {
    return initiate(persona, nhsNumber, plan, Map.of("basis", consentBasis, "notes",
        "Discussed with the patient at home"));
  }

  /** Initiates with the consent as given, e.g. a child's with who holds parental responsibility. */
  public Response initiate(Persona persona, String nhsNumber, Plans plan, Map<String, Object> consent) {
    return as(persona).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", nhsNumber, "content", plan.content(), "consent", consent))
        .when().post("/plans");
  }

  public Response summary(Persona persona, String nhsNumber) {
    return as(persona).when().get("/plans/" + nhsNumber);
  }

  public long revision(String nhsNumber) {
    return Long.parseLong(summary(Personas.GP, nhsNumber).then().statusCode(200).extract().header("ETag")
        .replace("\"", ""));
  }

  public Response saveDraft(Persona persona, String nhsNumber, long revision, Plans plan) {
    return as(persona).header("If-Match", "\"" + revision + "\"").contentType(ContentType.JSON)
        .body(plan.content()).when().put("/plans/" + nhsNumber + "/draft");
  }

  public Response recordConsent(Persona persona, String nhsNumber, String basis) {
    return as(persona).contentType(ContentType.JSON).body(Map.of("basis", basis, "notes", "Discussed at home"))
        .when().put("/plans/" + nhsNumber + "/consent");
  }

  public Response publish(Persona persona, String nhsNumber, long revision) {
    return as(persona).header("If-Match", "\"" + revision + "\"")
        .when().post("/plans/" + nhsNumber + "/publication");
  }

  /** A small but real PDF, as a scanned ADRT would be attached. */
  public static final byte[] PDF = "%PDF-1.4\n% a scanned ADRT\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  /** The API version's path, {@code /v1}: RestAssured's base path, which Quarkus sets from the root path. */
  public static String versionPath() {
    String basePath = RestAssured.basePath;
    return basePath.startsWith("/") ? basePath : "/" + basePath;
  }

  /** Attaches {@link #PDF} to the patient's plan as the GP; emits the document's id. */
  public String attach(String nhsNumber) {
    return as(Personas.GP).contentType("application/pdf").header("X-File-Name", "adrt.pdf").body(PDF)
        .when().post("/plans/" + nhsNumber + "/attachments")
        .then().statusCode(201).extract().path("id");
  }

  /** Delivers a submitted draft as the portal does; emits the submission's id. */
  public String deliver(SubmittedDrafts draft) {
    return deliverAttempt(draft).then().statusCode(201).extract().path("submissionId");
  }

  public Response deliverAttempt(SubmittedDrafts draft) {
    return as(Personas.PORTAL_SERVICE).header("Idempotency-Key", draft.draftId())
        .contentType(ContentType.JSON).body(draft.body())
        .when().post("/intake/submitted-drafts");
  }

  /** The portal, carrying the patient's own NHS login token (P9), as patient access requires. */
  public RequestSpecification asPortalFor(String nhsNumber) {
    return as(Personas.PORTAL_SERVICE).header("X-Patient-Token", issuer.token(NhsNumbers.patient(nhsNumber)));
  }

  /** Claims a submission, recording the patient's consent in case it starts their plan. */
  public Response claim(Persona persona, String submissionId) {
    return as(persona).contentType(ContentType.JSON)
        .body(Map.of("consent", Map.of("basis", "EXPLICIT_CONSENT", "notes", "Patient asked for a plan")))
        .when().post("/intake/submitted-drafts/" + submissionId + "/claim");
  }

  /** The id of every submission in the persona's organisation's inbox, page by page (claimed ones too if asked). */
  public List<String> inbox(Persona persona, boolean includeClaimed) {
    List<String> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      List<String> found = as(persona).queryParam("size", 200).queryParam("page", page)
          .queryParam("includeClaimed", includeClaimed).when().get("/intake/submitted-drafts")
          .then().statusCode(200).extract().path("items.id");
      ids.addAll(found);
      if (found.size() < 200) {
        return ids;
      }
    }
  }

  public Response withdraw(Persona persona, String nhsNumber) {
    return as(persona).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "Patient asked for the plan to be deleted"))
        .when().post("/plans/" + nhsNumber + "/consent/withdrawal");
  }

  /** A patient of their own with a plan the GP has initiated with consent and published once. */
  public String publishedPlan(Plans plan) {
    String nhsNumber = NhsNumbers.fresh();
    initiate(Personas.GP, nhsNumber, plan).then().statusCode(201);
    publish(Personas.GP, nhsNumber, revision(nhsNumber)).then().statusCode(201);
    return nhsNumber;
  }
}
