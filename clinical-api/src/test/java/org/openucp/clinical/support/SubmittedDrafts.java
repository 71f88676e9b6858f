package org.openucp.clinical.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds the JSON body the portal delivers to the intake. */
public final class SubmittedDrafts {

  private final Map<String, Object> body = new HashMap<>();

  private SubmittedDrafts() {
    body.put("draftId", UUID.randomUUID().toString());
    body.put("nhsNumber", "943 476 5919");
    body.put("organisation", "A83008");
    body.put("postcode", "sw3 6jj");
    body.put("email", "patient@example.org");
    body.put("preferredPlaceOfCare", "HOME");
    body.put("functionalLevel", "LIMITED_SELF_CARE");
    body.put("thoughtsAboutFutureCare", "I would like to stay at home with my cat.");
    body.put("keySupporter", Map.of("name", "Mary Smith", "relationship", "Daughter", "phone", "020 7946 0000"));
    body.put("submittedAt", Instant.parse("2026-11-20T10:15:30Z").toString());
  }

  public static SubmittedDrafts aSubmittedDraft() {
    return new SubmittedDrafts();
  }

  public SubmittedDrafts with(String field, Object value) {
    body.put(field, value);
    return this;
  }

  public SubmittedDrafts without(String field) {
    body.remove(field);
    return this;
  }

  public String draftId() {
    return (String) body.get("draftId");
  }

  public Map<String, Object> body() {
    return body;
  }
}
