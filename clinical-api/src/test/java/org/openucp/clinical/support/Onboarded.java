package org.openucp.clinical.support;

import io.restassured.RestAssured;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** Makes sure the demo organisations are onboarded with the wanted rosters, without redoing it every test. */
public final class Onboarded {

  private static final AtomicReference<String> CURRENT = new AtomicReference<>("");

  private Onboarded() {
  }

  public static void demoOrganisations(LocalIssuer issuer) {
    withStaff(issuer, Personas.STAFF);
  }

  /** Onboards the demo organisations with exactly these staff on their rosters (replacing earlier rosters). */
  public static void withStaff(LocalIssuer issuer, List<Persona> staff) {
    String clinicalUrl = RestAssured.baseURI + ":" + RestAssured.port + ClinicalApi.versionPath();
    String key = clinicalUrl + "|" + issuer.port() + "|" + staff.hashCode();
    if (!CURRENT.getAndSet(key).equals(key)) {
      DemoOnboarding.onboard(clinicalUrl, issuer, staff);
    }
  }
}
