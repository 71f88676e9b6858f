package org.openucp.portal.draft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.portal.support.Drafts.aDraft;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.portal.draft.service.DraftHousekeeping;
import org.openucp.portal.support.Drafts;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.infra.NhsNumbers;
import org.openucp.portal.support.PortalInfra;

/** Drafts are kept for a limited time only, and a forgotten draft gets one email offering help. */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class DraftHousekeepingTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  GreenMail mail;

  @Inject
  DraftHousekeeping housekeeping;

  private PortalDatabase tables;

  @BeforeEach
  void startClean() throws Exception {
    tables = new PortalDatabase(database);
    tables.deleteAllDrafts();
    mail.purgeEmailFromAllMailboxes();
  }

  @Test
  void shouldDestroyUnsubmittedDraftsAfterSixtyDaysButNotSubmittedOnes() throws Throwable {
    UUID forgotten = start(Personas.PATIENT, aDraft());
    UUID submitted = start(Personas.SECOND_PATIENT, aDraft());
    submit(Personas.SECOND_PATIENT, submitted);
    UUID recent = start(NhsNumbers.freshPatient(), aDraft());
    tables.execute("UPDATE draft SET updated_at = now() - interval '61 days' WHERE id = ?", forgotten);
    tables.execute("UPDATE draft SET updated_at = now() - interval '61 days' WHERE id = ?", submitted);
    tables.execute("UPDATE draft SET updated_at = now() - interval '59 days' WHERE id = ?", recent);

    assertThat(VertxContextSupport.subscribeAndAwait(housekeeping::destroyExpired)).isEqualTo(1);

    assertThat(tables.draftExists(forgotten)).isFalse();
    assertThat(tables.draftExists(submitted)).isTrue();
    assertThat(tables.draftExists(recent)).isTrue();
  }

  @Test
  void shouldEmailOneReminderToTheAddressGivenAfterSevenDays() throws Throwable {
    UUID due = start(Personas.PATIENT, aDraft().with("email", "edith@example.org"));
    UUID tooSoon = start(Personas.SECOND_PATIENT, aDraft().with("email", "early@example.org"));
    UUID noEmail = start(NhsNumbers.freshPatient(), aDraft().without("email"));
    tables.execute("UPDATE draft SET updated_at = now() - interval '8 days' WHERE id = ?", due);
    tables.execute("UPDATE draft SET updated_at = now() - interval '6 days' WHERE id = ?", tooSoon);
    tables.execute("UPDATE draft SET updated_at = now() - interval '8 days' WHERE id = ?", noEmail);

    assertThat(VertxContextSupport.subscribeAndAwait(housekeeping::sendReminders)).isEqualTo(1);
    assertThat(VertxContextSupport.subscribeAndAwait(housekeeping::sendReminders)).isZero();

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(Arrays.stream(received[0].getAllRecipients()).map(Object::toString)).containsExactly(
        "edith@example.org");
    assertThat(received[0].getSubject()).isEqualTo("Your urgent care plan draft: can we help?");
    assertThat(received[0].getContent().toString()).contains("help").doesNotContain("stay at home");
  }

  @Test
  void shouldAskForAStrongerIdentityCheckBeforeKeepingADraft() {
    Persona weaklyProofed = Personas.PATIENT.withClaim("identity_proofing_level", "P0");

    given().auth().oauth2(issuer.token(weaklyProofed)).contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts")
        .then().statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://openucp.org/problems/identity-proofing"));
    given().auth().oauth2(issuer.token(Personas.PATIENT.withClaim("identity_proofing_level", "P5")))
        .contentType(ContentType.JSON).body(aDraft().body())
        .when().post("/drafts")
        .then().statusCode(201);
  }

  private UUID start(Persona patient, Drafts draft) {
    return UUID.fromString(given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(draft.body()).when().post("/drafts").then().statusCode(201).extract().path("id"));
  }

  private void submit(Persona patient, UUID draft) {
    given().auth().oauth2(issuer.token(patient)).header("If-Match", "\"0\"")
        .when().post("/drafts/" + draft + "/submission").then().statusCode(202);
  }
}
