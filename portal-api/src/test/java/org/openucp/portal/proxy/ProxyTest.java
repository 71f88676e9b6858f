package org.openucp.portal.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;
import org.openucp.infra.PortalAssertionKeys;
import org.openucp.portal.notification.Emails;
import org.openucp.infra.NhsNumbers;
import org.openucp.portal.support.PortalDatabase;
import org.openucp.portal.support.PortalInfra;
import org.openucp.portal.support.StubClinicalIntake;

/**
 * A proxy proves their date of birth and the patient's NHS number, signed in as the person invited; guessing gets
 * nowhere and tells nothing; patients and proxies have daily limits.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class ProxyTest {

  private static final String PROXY_BIRTHDATE = "1970-06-15";
  private static final String PATIENT_EMAIL = "smith.9434765919@example.org";
  private static final String PROXY_EMAIL = "carer@example.org";
  private static final String NOT_VERIFIED = "https://openucp.org/problems/proxy-not-verified";

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  GreenMail mail;

  StubClinicalIntake clinical;

  private PortalDatabase tables;
  private Persona proxy;

  @BeforeEach
  void clean() throws Exception {
    tables = new PortalDatabase(database);
    tables.deleteAll("proxy_attempt");
    tables.deleteAll("proxy_invitation");
    mail.purgeEmailFromAllMailboxes();
    clinical.reset();
    proxy = invitedPerson();
  }

  @Test
  void shouldEmailASingleUseLinkAndActivateAProxyWhoProvesThemselves() throws Exception {
    String token = invite(PROXY_EMAIL);

    String id = accept(proxy, token, PROXY_BIRTHDATE, "943 476 5919")
        .then().statusCode(200).body("patientNhsNumber", equalTo(Personas.PATIENT_NHS_NUMBER))
        .extract().path("id");

    asPatient().when().get("/proxies").then().statusCode(200)
        .body("items[0].status", equalTo("ACTIVE")).body("items[0].email", equalTo(PROXY_EMAIL));
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients")
        .then().statusCode(200).body("items.id", equalTo(List.of(id)));
    assertThat(subjectsSentTo(PATIENT_EMAIL)).containsExactly(Emails.PROXY_ACTIVE);
    accept(NhsNumbers.freshPatient(), token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(403);
  }

  @Test
  void shouldLockTheInvitationAfterFiveWrongAttemptsAndTellThePatient() throws Exception {
    String token = invite(PROXY_EMAIL);

    for (int attempt = 0; attempt < 5; attempt++) {
      accept(proxy, token, attempt % 2 == 0 ? "1970-06-16" : PROXY_BIRTHDATE,
          attempt % 2 == 0 ? Personas.PATIENT_NHS_NUMBER : Personas.SECOND_PATIENT_NHS_NUMBER)
          .then().statusCode(403);
    }
    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(403);

    asPatient().when().get("/proxies").then().body("items[0].status", equalTo("LOCKED"));
    assertThat(subjectsSentTo(PATIENT_EMAIL)).containsExactly(Emails.PROXY_LOCKED);
    assertThat(tables.count("SELECT count(*) FROM proxy_attempt WHERE proxy_subject = ?", proxy.subject()))
        .isEqualTo(6);
  }

  @Test
  void shouldGiveTheSameAnswerWhateverWasWrong() throws Exception {
    String token = invite(PROXY_EMAIL);

    Response wrongBirthdate = accept(proxy, token, "1971-01-01", Personas.PATIENT_NHS_NUMBER);
    Response wrongNumber = accept(proxy, token, PROXY_BIRTHDATE, Personas.SECOND_PATIENT_NHS_NUMBER);
    Response unknownLink = accept(proxy, "no-such-token", PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER);
    Response someoneElse = accept(NhsNumbers.freshPatient(), token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER);

    for (Response refused : List.of(wrongBirthdate, wrongNumber, unknownLink, someoneElse)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.asString()).isEqualTo(wrongBirthdate.asString());
    }
  }

  @Test
  void shouldRefuseAnExpiredInvitation() throws Exception {
    String token = invite(PROXY_EMAIL);
    tables.executeSql("UPDATE proxy_invitation SET expires_at = now() - interval '1 minute'");

    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(403);
  }

  @Test
  void shouldTakeAccessAwayAtOnceWhenThePatientRevokes() throws Exception {
    String token = invite(PROXY_EMAIL);
    String id = accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(200)
        .extract().path("id");

    asPatient().when().delete("/proxies/" + id).then().statusCode(200).body("status", equalTo("REVOKED"));

    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients/" + id + "/plan").then().statusCode(404);
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients").then().body("items", hasSize(0));
    given().auth().oauth2(issuer.token(Personas.SECOND_PATIENT)).when().delete("/proxies/" + UUID.randomUUID())
        .then().statusCode(404);
  }

  @Test
  void shouldRefuseAcceptanceBySomeoneOtherThanTheInvitedPerson() throws Exception {
    String token = invite(PROXY_EMAIL);
    Response wrongBirthdate = accept(proxy, token, "1971-01-01", Personas.PATIENT_NHS_NUMBER);
    // Knows the link, the invited date of birth and the NHS number, even uses the invited email; NHS login verified
    // someone born on another day.
    Persona someoneElse = NhsNumbers.freshPatient().withClaim("email", PROXY_EMAIL);

    Response refused = accept(someoneElse, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.asString()).isEqualTo(wrongBirthdate.asString());
    assertThat(failedAttemptsOnTheInvitation()).isEqualTo(2);
    assertThat(tables.count("SELECT count(*) FROM proxy_attempt WHERE proxy_subject = ? AND outcome = 'WRONG_DETAILS'",
        someoneElse.subject())).isEqualTo(1);
    given().auth().oauth2(issuer.token(someoneElse)).when().get("/proxy/patients").then().body("items", hasSize(0));
    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(200);
  }

  @Test
  void shouldRefuseWhenTheSignedInEmailIsNotTheInvitedOne() throws Exception {
    String token = invite(PROXY_EMAIL);
    Persona otherEmail = proxy.withClaim("email", "someone.else@example.org");

    accept(otherEmail, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(NOT_VERIFIED));

    assertThat(failedAttemptsOnTheInvitation()).isEqualTo(1);
    asPatient().when().get("/proxies").then().body("items[0].status", equalTo("INVITED"));
  }

  @Test
  void shouldMatchTheSignedInEmailWhateverItsCase() throws Exception {
    String token = invite(PROXY_EMAIL);

    accept(proxy.withClaim("email", "Carer@Example.ORG"), token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(200);
  }

  @Test
  void shouldLockTheInvitationWhenTheWrongPersonKeepsTrying() throws Exception {
    String token = invite(PROXY_EMAIL);

    for (int attempt = 0; attempt < 5; attempt++) {
      accept(NhsNumbers.freshPatient().withClaim("email", PROXY_EMAIL), token, PROXY_BIRTHDATE,
          Personas.PATIENT_NHS_NUMBER).then().statusCode(403);
    }

    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(403);
    asPatient().when().get("/proxies").then().body("items[0].status", equalTo("LOCKED"));
    assertThat(subjectsSentTo(PATIENT_EMAIL)).containsExactly(Emails.PROXY_LOCKED);
  }

  @Test
  void shouldLimitInvitationsPerDay() throws Exception {
    for (int sent = 0; sent < 5; sent++) {
      invite("carer" + sent + "@example.org");
    }
    Instant firstSent = Instant.parse(asPatient().when().get("/proxies").then().extract().path("items[0].invitedAt"));

    Response refused = asPatient().contentType(ContentType.JSON)
        .body(Map.of("email", "sixth@example.org", "dateOfBirth", PROXY_BIRTHDATE)).when().post("/proxies");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.<String>path("type")).isEqualTo("https://openucp.org/problems/too-many-invitations");
    Instant allowedAgain = firstSent.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    assertThat(refused.<String>path("detail")).contains("from " + allowedAgain);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(86_000L, 86_401L);
    asPatient().when().get("/proxies").then().body("items", hasSize(5));
    assertThat(recipientsOfAll()).doesNotContain("sixth@example.org");

    given().auth().oauth2(issuer.token(Personas.SECOND_PATIENT)).contentType(ContentType.JSON)
        .body(Map.of("email", "someone@example.org", "dateOfBirth", PROXY_BIRTHDATE)).when().post("/proxies")
        .then().statusCode(201);
    tables.executeSql("UPDATE proxy_invitation SET created_at = created_at - interval '25 hours' "
        + "WHERE proxy_email = 'carer0@example.org'");
    invite("sixth@example.org");
  }

  @Test
  void shouldRefuseAttemptsBeyondTheDailyLimitPerSignedInUser() throws Exception {
    for (int attempt = 0; attempt < 10; attempt++) {
      accept(proxy, "no-such-token-" + attempt, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(403);
    }
    String token = invite(PROXY_EMAIL);
    Response wrongNumber = accept(NhsNumbers.freshPatient(), token, PROXY_BIRTHDATE,
        Personas.SECOND_PATIENT_NHS_NUMBER);

    Response refused = accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.asString()).isEqualTo(wrongNumber.asString());
    assertThat(failedAttemptsOnTheInvitation()).as("the invitation was not looked at").isEqualTo(1);
    asPatient().when().get("/proxies").then().body("items[0].status", equalTo("INVITED"));
    assertThat(tables.count("SELECT count(*) FROM proxy_attempt WHERE proxy_subject = ? "
        + "AND outcome = 'TOO_MANY_ATTEMPTS' AND invitation_id IS NULL", proxy.subject())).isEqualTo(1);

    tables.executeSql("UPDATE proxy_attempt SET attempted_at = attempted_at - interval '25 hours'");
    accept(proxy, token, PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER).then().statusCode(200);
  }

  @Test
  void shouldNotMoveLastViewedWhenTheViewFailed() throws Exception {
    String id = accept(proxy, invite(PROXY_EMAIL), PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(200).extract().path("id");

    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients/" + id + "/plan")
        .then().statusCode(404);
    clinical.failWith(503);
    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients/" + id + "/plan")
        .then().statusCode(503);

    asPatient().when().get("/proxies").then().body("items[0].lastViewedAt", nullValue());
  }

  @Test
  void shouldShowThePatientWhenTheirProxyLastSawThePlan() throws Exception {
    String id = accept(proxy, invite(PROXY_EMAIL), PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(200).extract().path("id");
    clinical.publishPlan(Personas.PATIENT_NHS_NUMBER, "{\"content\":{\"whatMattersToMe\":\"My garden\"}}");
    Instant before = Instant.now();

    given().auth().oauth2(issuer.token(proxy)).when().get("/proxy/patients/" + id + "/plan")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("My garden"));

    String lastViewed = asPatient().when().get("/proxies").then().extract().path("items[0].lastViewedAt");
    assertThat(Instant.parse(lastViewed)).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void shouldProveTheProxyToTheClinicalApiWithTheirOwnTokenAndASignedAssertion() throws Exception {
    String id = accept(proxy, invite(PROXY_EMAIL), PROXY_BIRTHDATE, Personas.PATIENT_NHS_NUMBER)
        .then().statusCode(200).extract().path("id");
    clinical.publishPlan(Personas.PATIENT_NHS_NUMBER, "{\"content\":{\"whatMattersToMe\":\"My garden\"}}");
    String token = issuer.token(proxy);

    given().auth().oauth2(token).when().get("/proxy/patients/" + id + "/plan").then().statusCode(200);

    var call = clinical.patientAccessCalls().get(clinical.patientAccessCalls().size() - 1);
    assertThat(call.patientToken()).isEqualTo(token);
    JwtClaims assertion = new JwtConsumerBuilder()
        .setVerificationKey(PortalAssertionKeys.pair().getPublic())
        .setExpectedIssuer("openucp-portal")
        .setExpectedAudience("openucp-clinical")
        .setRequireExpirationTime()
        .build().processToClaims(call.proxyAssertion());
    assertThat(assertion.getSubject()).isEqualTo(proxy.subject());
    assertThat(assertion.getClaimValueAsString("patient_nhs_number")).isEqualTo(Personas.PATIENT_NHS_NUMBER);
    assertThat(assertion.getClaimValueAsString("invitation")).isEqualTo(id);
    assertThat(assertion.getExpirationTime().getValueInMillis() - System.currentTimeMillis()).isLessThan(61_000);
  }

  /** Someone NHS login verified as born on the invited date, with the invited email. */
  private static Persona invitedPerson() {
    return NhsNumbers.freshPatient().withClaim("birthdate", PROXY_BIRTHDATE).withClaim("email", PROXY_EMAIL);
  }

  private long failedAttemptsOnTheInvitation() {
    return tables.count("SELECT failed_attempts FROM proxy_invitation WHERE proxy_email = ?", PROXY_EMAIL);
  }

  private List<String> recipientsOfAll() {
    return Arrays.stream(mail.getReceivedMessages()).flatMap(message -> recipients(message).stream()).toList();
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
