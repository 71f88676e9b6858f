package org.openucp.portal.reconsent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.portal.support.Drafts.aDraft;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.portal.reconsent.service.ReconsentEmails;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;

/**
 * Patients whose consent is needed again under a new privacy notice are emailed at the address the portal knows for
 * them (their NHS login email, else the one they gave with a draft), through a real SMTP server; one the portal cannot
 * reach is reported as such without holding up the rest, and nobody is emailed twice.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
@QuarkusTestResource(value = ClinicalNotificationsStub.class, restrictToAnnotatedClass = true)
class ReconsentEmailTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  GreenMail mail;

  ClinicalNotificationsStub clinical;

  @Inject
  ReconsentEmails emails;

  private PortalDatabase tables;
  private final Instant due = Instant.parse("2027-01-15T12:00:00Z");

  @BeforeEach
  void clean() throws Exception {
    tables = new PortalDatabase(database);
    clinical.reset();
    mail.purgeEmailFromAllMailboxes();
  }

  @Test
  void shouldEmailThePatientAtTheirNhsLoginEmailAndReportIt() throws Throwable {
    String nhsLoginEmail = "nhs-login-" + UUID.randomUUID() + "@example.org";
    Persona patient = NhsNumbers.freshPatient().withClaim("email", nhsLoginEmail);
    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(Map.of("email", "carer-" + UUID.randomUUID() + "@example.org", "dateOfBirth", "1970-06-15"))
        .when().post("/proxies").then().statusCode(201);
    mail.purgeEmailFromAllMailboxes();
    String id = clinical.notify(nhs(patient), "2", "https://openucp.example/privacy/2", due);

    assertThat(run()).isEqualTo(1);

    List<MimeMessage> sent = sentTo(nhsLoginEmail);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getSubject()).isEqualTo(ReconsentEmails.SUBJECT);
    String body = GreenMailUtil.getBody(sent.get(0));
    assertThat(body).contains("version 2", "https://openucp.example/privacy/2", "15 January 2027",
        "kept but not shared with urgent care");
    assertThat(body).doesNotContain(nhs(patient));
    assertThat(clinical.reports()).singleElement().satisfies(report -> {
      assertThat(report.id()).isEqualTo(id);
      assertThat(report.body()).contains("\"EMAILED\"");
      assertThat(report.authorization()).startsWith("Bearer ");
    });
    assertThat(clinical.listings()).allMatch(authorization -> authorization.startsWith("Bearer "));

    assertThat(run()).isZero();
    assertThat(sentTo(nhsLoginEmail)).hasSize(1);
  }

  @Test
  void shouldEmailTheAddressGivenWithADraftWhenNhsLoginGaveNone() throws Throwable {
    Persona patient = NhsNumbers.freshPatient();
    String draftEmail = "draft-" + UUID.randomUUID() + "@example.org";
    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(aDraft().with("email", draftEmail).body()).when().post("/drafts").then().statusCode(201);
    clinical.notify(nhs(patient), "3", null, due);

    assertThat(run()).isEqualTo(1);

    assertThat(sentTo(draftEmail)).singleElement()
        .satisfies(message -> assertThat(GreenMailUtil.getBody(message)).contains("Your GP practice or care team can"
            + " show you the new notice"));
    assertThat(clinical.reports()).singleElement().satisfies(report -> assertThat(report.body()).contains("EMAILED"));
  }

  @Test
  void shouldRecordAPatientItCannotReachAndCarryOnWithTheRest() throws Throwable {
    String unreachable = clinical.notify(NhsNumbers.fresh(), "2", null, due);
    Persona reachable = NhsNumbers.freshPatient();
    String draftEmail = "draft-" + UUID.randomUUID() + "@example.org";
    given().auth().oauth2(issuer.token(reachable)).contentType(ContentType.JSON)
        .body(aDraft().with("email", draftEmail).body()).when().post("/drafts").then().statusCode(201);
    clinical.notify(nhs(reachable), "2", null, due);

    assertThat(run()).isEqualTo(2);

    assertThat(clinical.reports()).anySatisfy(report -> {
      assertThat(report.id()).isEqualTo(unreachable);
      assertThat(report.body()).contains("NO_EMAIL_KNOWN");
    });
    assertThat(sentTo(draftEmail)).hasSize(1);
    assertThat(mail.getReceivedMessages()).hasSize(1);
    assertThat(tables.count("SELECT count(*) FROM reconsent_email WHERE notification_id = ? AND outcome = "
        + "'NO_EMAIL_KNOWN'", UUID.fromString(unreachable))).isEqualTo(1);
  }

  @Test
  void shouldReportAgainButNeverEmailTwiceWhenAReportWasLost() throws Throwable {
    Persona patient = NhsNumbers.freshPatient();
    String draftEmail = "draft-" + UUID.randomUUID() + "@example.org";
    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(aDraft().with("email", draftEmail).body()).when().post("/drafts").then().statusCode(201);
    String id = clinical.notify(nhs(patient), "2", null, due);
    clinical.refuseReports(1);

    assertThat(run()).as("the report failed: not dealt with yet").isZero();
    assertThat(sentTo(draftEmail)).hasSize(1);

    assertThat(run()).isEqualTo(1);
    assertThat(sentTo(draftEmail)).as("emailed once only").hasSize(1);
    assertThat(clinical.reports()).singleElement().satisfies(report -> {
      assertThat(report.id()).isEqualTo(id);
      assertThat(report.body()).contains("EMAILED");
    });
  }

  @Test
  void shouldReportANotificationAReplicaTookAndNeverFinishedAsNotSentRatherThanEmailAgain() throws Throwable {
    Persona patient = NhsNumbers.freshPatient();
    String draftEmail = "draft-" + UUID.randomUUID() + "@example.org";
    given().auth().oauth2(issuer.token(patient)).contentType(ContentType.JSON)
        .body(aDraft().with("email", draftEmail).body()).when().post("/drafts").then().statusCode(201);
    String taken = clinical.notify(nhs(patient), "2", null, due);
    tables.execute("INSERT INTO reconsent_email (notification_id, claimed_at) VALUES (?, now())",
        UUID.fromString(taken));

    assertThat(run()).as("another replica is on it").isZero();
    tables.execute("UPDATE reconsent_email SET claimed_at = now() - interval '1 hour' WHERE notification_id = ?",
        UUID.fromString(taken));
    assertThat(run()).isEqualTo(1);

    assertThat(sentTo(draftEmail)).isEmpty();
    assertThat(clinical.reports()).singleElement().satisfies(report -> assertThat(report.body())
        .contains("SEND_FAILED"));
  }

  private int run() throws Throwable {
    Integer done = VertxContextSupport.subscribeAndAwait(() -> emails.notifyPending());
    return done;
  }

  private List<MimeMessage> sentTo(String address) {
    return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
      try {
        return Arrays.stream(message.getAllRecipients()).anyMatch(recipient -> recipient.toString().equals(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static String nhs(Persona patient) {
    return (String) patient.claims().get("nhs_number");
  }
}
