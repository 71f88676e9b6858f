package org.openucp.clinical.support;

import io.restassured.RestAssured;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** Makes sure the demo organisations are onboarded, once per running application and database. */
public final class Onboarded {

  private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

  private Onboarded() {
  }

  public static void demoOrganisations(LocalIssuer issuer) {
    withStaff(issuer, Personas.STAFF);
  }

  /** Onboards the demo organisations with exactly these staff on their rosters (replacing earlier rosters). */
  public static void withStaff(LocalIssuer issuer, List<Persona> staff) {
    String clinicalUrl = RestAssured.baseURI + ":" + RestAssured.port;
    String key = clinicalUrl + "|" + issuer.port() + "|" + staff.hashCode();
    if (DONE.add(key)) {
      DemoOnboarding.onboard(clinicalUrl, issuer, staff);
    }
  }
}
