package org.openucp.clinical.careteam;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.PlanOperations;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/**
 * Every operation on a plan, as the OpenAPI document lists them, walked by a GP of another organisation: only the
 * reads of the published plan are open to them; every other operation answers 403 not-in-care-team. A new operation
 * under a plan fails this test until it is either care-team only or deliberately listed here as a published read.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class CareTeamWalkTest {

  /** The operations that read what urgent care may read: open to every reader of published plans. */
  private static final Set<String> PUBLISHED_READS = Set.of(
      "GET /plans/{nhsNumber}",
      "GET /plans/{nhsNumber}/published",
      "GET /plans/{nhsNumber}/versions",
      "GET /plans/{nhsNumber}/versions/{version}",
      "GET /plans/{nhsNumber}/versions/{version}/pdf",
      "GET /plans/{nhsNumber}/versions/{version}/fhir",
      "GET /plans/{nhsNumber}/attachments/{id}");

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldOpenOnlyThePublishedPlanToStaffOfOrganisationsOutsideTheCareTeam() {
    List<String> operations = PlanOperations.all();
    List<String> failures = new ArrayList<>();
    for (String operation : operations) {
      Response response = PlanOperations.send(api, Personas.SECOND_PRACTICE_GP, operation,
          PlanOperations.target(api));
      boolean refused = response.statusCode() == 403
          && "https://openucp.org/problems/not-in-care-team".equals(response.path("type"));
      if (PUBLISHED_READS.contains(operation) == refused) {
        failures.add(operation + " answered " + response.statusCode() + " " + response.asString());
      }
    }
    assertThat(operations).hasSizeGreaterThan(15);
    assertThat(failures).isEmpty();
  }
}
