package org.openucp.portal.support;

import java.util.HashMap;
import java.util.Map;

/** Builds the JSON a patient's browser sends when saving a draft. */
public final class Drafts {

  private final Map<String, Object> body = new HashMap<>();

  private Drafts() {
    body.put("organisation", "A83008");
    body.put("postcode", "sw3 6jj");
    body.put("email", "patient@example.org");
    body.put("preferredPlaceOfCare", "HOME");
    body.put("functionalLevel", "AMBULATORY_SELF_CARING");
    body.put("thoughtsAboutFutureCare", "I want to stay at home if I can.");
    body.put("keySupporter", Map.of("name", "Mary Smith", "relationship", "Daughter", "phone", "020 7946 0000"));
  }

  public static Drafts aDraft() {
    return new Drafts();
  }

  public Drafts with(String field, Object value) {
    body.put(field, value);
    return this;
  }

  public Drafts without(String field) {
    body.remove(field);
    return this;
  }

  public Map<String, Object> body() {
    return body;
  }
}
