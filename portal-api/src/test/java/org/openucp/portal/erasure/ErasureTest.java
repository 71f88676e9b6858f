package org.openucp.portal.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.openucp.portal.support.Drafts.aDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.portal.erasure.service.WithdrawalNotices;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

/**
 * Withdrawal erases what the portal holds for the patient, wherever it was made: by the patient here, at once, or by
 * staff in the clinical API, applied from its notice whenever the portal next runs.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class ErasureTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  StubClinicalIntake clinical;

  @Inject
  WithdrawalNotices notices;

  private PortalDatabase tables;
  private Persona patient;
  private Persona proxy;

  @BeforeEach
  void patientWithADraftASubmissionAndAProxy() {
    clinical.reset();
    tables = new PortalDatabase(database);
    patient = NhsNumbers.freshPatient();
    proxy = NhsNumbers.freshPatient();
    String submitted = startDraft();
    given().auth().oauth2(issuer.token(patient)).header("If-Match", "\"0\"")
        .when().post("/drafts/" + submitted + "/submission").then().statusCode(202);
    tables.executeSql("UPDATE submission_receipt SET delivered_at = now() WHERE draft_id = '" + submitted + "'");
    tables.executeSql("DELETE FROM draft WHERE id = '" + submitted + "'");
    startDraft();
    tables.executeSql("INSERT INTO proxy_invitation (id, patient_nhs_number, proxy_email, proxy_birthdate, token_hash, "
        + "status, failed_attempts, expires_at, created_at, accepted_at, proxy_subject) VALUES ('" + UUID.randomUUID()
        + "', '" + nhs() + "', 'carer@example.org', '1970-01-01', '" + UUID.randomUUID() + "', 'ACTIVE', 0, "
        + "now() + interval '1 day', now(), now(), '" + proxy.subject() + "')");
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients").then().body("items", hasSize(1));
  }

  @Test
  void shouldShowThePatientWhatWithdrawalWillEraseBeforeTheyConfirm() {
    given().auth().oauth2(issuer.token(patient)).when().get("/my-plan/consent-withdrawal")
        .then().statusCode(200)
        .body("drafts", equalTo(1))
        .body("proxies", equalTo(1))
        .body("submissions", equalTo(1));

    assertThat(tables.count("SELECT count(*) FROM draft WHERE nhs_number = ?", nhs())).isEqualTo(1);
  }

  @Test
  void shouldEraseThePortalsRecordsAtOnceWhenThePatientWithdraws() {
    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I do not want a plan"))
        .when().post("/my-plan/consent-withdrawal")
        .then().statusCode(200)
        .body("clinical.planErased", equalTo(true))
        .body("portal.drafts", equalTo(1))
        .body("portal.proxies", equalTo(1))
        .body("portal.submissionReceipts", equalTo(1));

    assertErased();
    assertThat(clinical.patientAccessCalls()).anySatisfy(call -> {
      assertThat(call.path()).endsWith("/consent-withdrawal");
      assertThat(call.patientToken()).isNotBlank();
    });
  }

  @Test
  void shouldEraseThePortalsRecordsOfAWithdrawalMadeByStaffWhenTheNoticeArrivesAndAcknowledgeIt() {
    String notice = clinical.noticeWithdrawal(nhs());

    assertThat(apply()).isEqualTo(1);

    assertErased();
    assertThat(clinical.acknowledgedNotices()).containsExactly(notice);
    assertThat(apply()).isZero();
  }

  @Test
  void shouldKeepWhatThePatientStartedAfterTheWithdrawalANoticeRecords() {
    clinical.noticeWithdrawal(nhs(), java.time.Instant.now().minusSeconds(3600));

    assertThat(apply()).isEqualTo(1);

    assertThat(tables.count("SELECT count(*) FROM draft WHERE nhs_number = ?", nhs())).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM proxy_invitation WHERE patient_nhs_number = ?", nhs())).isEqualTo(1);
  }

  @Test
  void shouldEraseNothingWhenTheClinicalApiCannotConfirmTheWithdrawal() {
    clinical.failWith(503);

    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I do not want a plan"))
        .when().post("/my-plan/consent-withdrawal")
        .then().statusCode(503).body("type", equalTo("https://openucp.org/problems/clinical-unavailable"));

    assertThat(tables.count("SELECT count(*) FROM draft WHERE nhs_number = ?", nhs())).isEqualTo(1);
  }

  @Test
  void shouldKeepANoticeUnacknowledgedWhenErasingFailsSoTheNextRunErases() {
    String notice = clinical.noticeWithdrawal(nhs());
    tables.executeSql("ALTER TABLE proxy_invitation RENAME TO proxy_invitation_away");
    try {
      try {
        apply();
      } catch (RuntimeException expected) {
        // The erasure failed: the notice must stay unacknowledged.
      }
    } finally {
      tables.executeSql("ALTER TABLE proxy_invitation_away RENAME TO proxy_invitation");
    }
    assertThat(clinical.acknowledgedNotices()).isEmpty();
    assertThat(tables.count("SELECT count(*) FROM draft WHERE nhs_number = ?", nhs())).isEqualTo(1);

    apply();

    assertErased();
    assertThat(clinical.acknowledgedNotices()).containsExactly(notice);
  }

  private int apply() {
    try {
      Integer applied = VertxContextSupport.subscribeAndAwait(notices::applyPending);
      return applied;
    } catch (Throwable e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  private void assertErased() {
    assertThat(tables.count("SELECT count(*) FROM draft WHERE nhs_number = ?", nhs())).isZero();
    assertThat(tables.count("SELECT count(*) FROM proxy_invitation WHERE patient_nhs_number = ?", nhs())).isZero();
    assertThat(tables.count("SELECT count(*) FROM submission_receipt WHERE nhs_number = ? AND erased_at IS NULL",
        nhs())).isZero();
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients").then().body("items", hasSize(0));
    given().auth().oauth2(issuer.token(patient)).when().get("/submissions")
        .then().statusCode(200).body("items.stage", equalTo(java.util.List.of("ERASED")));
  }

  private String startDraft() {
    return given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts").then().statusCode(201).extract().path("id");
  }

  private String nhs() {
    return (String) patient.claims().get("nhs_number");
  }
}
