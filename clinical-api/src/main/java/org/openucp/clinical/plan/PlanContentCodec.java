package org.openucp.clinical.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.openucp.model.plan.PlanContent;

/** Stores plan content as JSON text: one document per draft and per published version. */
@ApplicationScoped
public class PlanContentCodec {

  private final ObjectMapper json;

  public PlanContentCodec(ObjectMapper json) {
    this.json = json;
  }

  public String write(PlanContent content) {
    try {
      return json.writeValueAsString(content);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Plan content could not be written as JSON", e);
    }
  }

  public PlanContent read(String stored) {
    try {
      return json.readValue(stored, PlanContent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored plan content could not be read", e);
    }
  }
}
