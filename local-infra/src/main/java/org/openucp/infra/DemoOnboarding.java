package org.openucp.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Onboards the demo organisations through the clinical API, as an administrator would: registers each with an
 * incident contact, records a sharing agreement in force and a Data Security and Protection Toolkit status of
 * "Standards Met" published three months ago, and uploads a roster of its trained staff. Used by the local stack and
 * by tests.
 */
public final class DemoOnboarding {

  /** A demo organisation: fictional names on real-looking ODS codes. */
  public record DemoOrganisation(String odsCode, String name, String type) {
  }

  public static final List<DemoOrganisation> ORGANISATIONS = List.of(
      new DemoOrganisation(Personas.DEMO_PRACTICE, "Demo Medical Practice", "GP_PRACTICE"),
      new DemoOrganisation(Personas.SECOND_PRACTICE, "Second Demo Practice", "GP_PRACTICE"),
      new DemoOrganisation(Personas.DEMO_AMBULANCE_TRUST, "Demo Ambulance Service", "AMBULANCE_SERVICE"),
      new DemoOrganisation(Personas.DEMO_111_PROVIDER, "Demo NHS 111", "NHS_111"));

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoOnboarding() {
  }

  /**
   * Onboards every demo organisation with the given staff on its roster (trained a month ago), through the clinical
   * API at {@code clinicalApi}: its address with the API version, as {@code http://localhost:8080/v1}.
   */
  public static void onboard(String clinicalApi, LocalIssuer issuer, List<Persona> staff) {
    String admin = issuer.token(Personas.PLATFORM_ADMIN);
    for (DemoOrganisation organisation : ORGANISATIONS) {
      String base = clinicalApi + "/organisations/" + organisation.odsCode();
      put(base, admin, Map.of("name", organisation.name(), "type", organisation.type(),
          "incidentContact", Map.of("name", "Demo Data Protection Officer",
              "email", "dpo@" + organisation.odsCode().toLowerCase() + ".example.org",
              "telephone", "01632 960001")));
      put(base + "/sharing-agreement", admin, Map.of("signedOn", LocalDate.now().minusYears(1).toString(),
          "caldicottGuardian", "Dr Demo Guardian"));
      put(base + "/dspt", admin, Map.of("status", "STANDARDS_MET",
          "publishedOn", LocalDate.now().minusMonths(3).toString()));
      List<Map<String, Object>> roster = staff.stream()
          .filter(member -> organisation.odsCode().equals(member.organisation()))
          .map(DemoOnboarding::rosterEntry)
          .toList();
      put(base + "/roster", admin, roster);
    }
  }

  private static Map<String, Object> rosterEntry(Persona member) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("userId", member.subject());
    entry.put("name", member.claims().getOrDefault("name", member.id()));
    entry.put("email", member.id().replaceAll("[^A-Za-z0-9.-]", "-") + "@" + member.organisation().toLowerCase()
        + ".example.org");
    entry.put("jobRole", member.jobRole());
    entry.put("jobTitle", member.description());
    entry.put("course", "Open UCP user training");
    entry.put("trainingCompletedOn", LocalDate.now().minusMonths(1).toString());
    return entry;
  }

  private static void put(String url, String token, Object body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Onboarding failed at " + url + ": " + response.statusCode() + " "
            + response.body());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new IllegalStateException("Onboarding could not reach " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
