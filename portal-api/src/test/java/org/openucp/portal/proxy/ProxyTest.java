package org.openucp.portal.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.portal.notification.Emails;
import org.openucp.infra.NhsNumbers;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;

/** A proxy proves their date of birth and the patient's NHS number; guessing gets nowhere and tells nothing. */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class ProxyTest {

  private static final String PROXY_BIRTHDATE = "1970-06-15";
  private static final String PATIENT_EMAIL = "smith.9434765919@example.org";

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  GreenMail mail;

  private PortalDatabase tables;
  private Persona proxy;

  @BeforeEach
  void clean() throws Exception {
    tables = new PortalDatabase(database);
    tables.deleteAll("proxy_attempt");
    tables.deleteAll("proxy_invitation");
    mail.purgeEmailFromAllMailboxes();
    proxy = NhsNumbers.freshPatient();
  }

  @Test
  void shouldEmailASingleUseLinkAndActivateAProxyWhoProvesThemselves() throws Exception {
    String token = invite("carer@example.org");

    String id = accept(proxy, token, PROXY_BIRTHDATE, "943 476 5919")
        .then().statusCode(200).body("patientNhsNumber", equalTo(Personas.PATIENT_NHS_NUMBER))
        .extract().path("id");

    asPatient().when().get("/proxies").then().statusCode(200)
        .body("[0].status", equalTo("ACTIVE")).body("[0].email", equalTo("carer@example.org"));
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients")
        .then().statusCode(200).body("id", equalTo(List.of(id)));
    assertThat(subjectsSentTo(PATIENT_EMAIL)).containsExactly(Emails.PROXY_ACTIVE);
    accept(NhsNumbers.freshPatient(), token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(403);
  }

  @Test
  void shouldLockTheInvitationAfterFiveWrongAttemptsAndTellThePatient() throws Exception {
    String token = invite("carer@example.org");

    for (int attempt = 0; attempt < 5; attempt++) {
      accept(proxy, token, attempt % 2 == 0 ? "1970-06-16" : PROXY_BIRTHDATE,
          attempt % 2 == 0 ? Personas.PATIENT_NHS_NUMBER : Personas.SECOND_PATIENT_NHS_NUMBER)
          .then().statusCode(403);
    }
    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(403);

    asPatient().when().get("/proxies").then().body("[0].status", equalTo("LOCKED"));
    assertThat(subjectsSentTo(PATIENT_EMAIL)).containsExactly(Emails.PROXY_LOCKED);
    assertThat(tables.count("SELECT count(*) FROM proxy_attempt WHERE proxy_subject = ?", proxy.subject()))
        .isEqualTo(6);
  }

  @Test
  void shouldGiveTheSameAnswerWhateverWasWrong() throws Exception {
    String token = invite("carer@example.org");

    Response wrongBirthdate = accept(proxy, token, "1971-01-01", Personas.PATIENT_NHS_NUMBER);
    Response wrongNumber = accept(proxy, token, PROXY_BIRTHDATE, Personas.SECOND_PATIENT_NHS_NUMBER);
    Response unknownLink = accept(proxy, "no-such-token", PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER);

    for (Response refused : List.of(wrongBirthdate, wrongNumber, unknownLink)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.asString()).isEqualTo(wrongBirthdate.asString());
    }
  }

  @Test
  void shouldRefuseAnExpiredInvitation() throws Exception {
    String token = invite("carer@example.org");
    tables.executeSql("UPDATE proxy_invitation SET expires_at = now() - interval '1 minute'");

    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(403);
  }

  @Test
  void shouldTakeAccessAwayAtOnceWhenThePatientRevokes() throws Exception {
    String token = invite("carer@example.org");
    String id = accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(200)
        .extract().path("id");

    asPatient().when().delete("/proxies/" + id).then().statusCode(200).body("status", equalTo("REVOKED"));

    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients/" + id + "/plan").then().statusCode(404);
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients").then().body("$", hasSize(0));
    given().auth().oauth2(issuer.token(Personas.SECOND_PATIENT)).when().delete("/proxies/" + UUID.randomUUID())
        .then().statusCode(404);
  }

  private String invite(String email) throws Exception {
    asPatient().contentType(ContentType.JSON).body(Map.of("email", email, "dateOfBirth", PROXY_BIRTHDATE))
        .when().post("/proxies").then().statusCode(201).body("status", equalTo("INVITED"));
    MimeMessage invitation = Arrays.stream(mail.getReceivedMessages())
        .filter(message -> recipients(message).contains(email)).findFirst().orElseThrow();
    Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(GreenMailUtil.getBody(invitation));
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private Response accept(Persona who, String token, String birthdate, String nhsNumber) {
    return given().auth().oauth2(issuer.token(who)).contentType(ContentType.JSON)
        .body(Map.of("token", token, "dateOfBirth", birthdate, "patientNhsNumber", nhsNumber))
        .when().post("/proxy-invitations/acceptance");
  }

  private io.restassured.specification.RequestSpecification asPatient() {
    return given().auth().oauth2(issuer.token(Personas.PATIENT));
  }

  private List<String> subjectsSentTo(String address) throws Exception {
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (recipients(message).contains(address)) {
        subjects.add(message.getSubject());
      }
    }
    return subjects;
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
