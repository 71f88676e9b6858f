package org.openucp.clinical.nrl.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openucp.clinical.nrl.NrlPointer;

/** Renders pointers as FHIR R4 {@code DocumentReference} resources shaped for the National Record Locator. */
final class DocumentReferences {

  static final String SNOMED = "http://snomed.info/sct";
  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";

  private DocumentReferences() {
  }

  static Map<String, Object> bundle(List<NrlPointer> pointers, String baseUrl) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("resourceType", "Bundle");
    bundle.put("type", "searchset");
    bundle.put("total", pointers.size());
    bundle.put("entry", pointers.stream().map(pointer -> Map.of(
        "fullUrl", url(baseUrl, pointer.id),
        "resource", resource(pointer, baseUrl))).toList());
    return bundle;
  }

  static Map<String, Object> resource(NrlPointer pointer, String baseUrl) {
    String version = baseUrl + "/plans/" + pointer.nhsNumber + "/versions/" + pointer.version;
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("resourceType", "DocumentReference");
    reference.put("id", pointer.id.toString());
    reference.put("status", pointer.status);
    reference.put("type", concept("861421000000109", "End of life care coordination summary"));
    reference.put("category", List.of(concept("734163000", "Care plan")));
    reference.put("subject", identifier(NHS_NUMBER, pointer.nhsNumber));
    reference.put("date", pointer.createdAt.toString());
    reference.put("author", List.of(identifier(ODS, pointer.author)));
    reference.put("custodian", identifier(ODS, pointer.custodian));
    if (pointer.replaces != null) {
      // Absolute: a relative "DocumentReference/{id}" would resolve against a FHIR base this API does not have.
      reference.put("relatesTo", List.of(Map.of("code", "replaces",
          "target", Map.of("reference", url(baseUrl, pointer.replaces)))));
    }
    reference.put("content", List.of(
        Map.of("attachment", Map.of("contentType", "application/pdf", "url", version + "/pdf",
            "title", "Urgent care plan, version " + pointer.version)),
        Map.of("attachment", Map.of("contentType", "application/fhir+json", "url", version + "/fhir",
            "title", "Urgent care plan, version " + pointer.version + " (FHIR)"))));
    return reference;
  }

  /** Where {@code GET} reads the pointer. */
  static String url(String baseUrl, UUID id) {
    return baseUrl + "/urgent-care/document-references/" + id;
  }

  private static Map<String, Object> concept(String code, String display) {
    return Map.of("coding", List.of(Map.of("system", SNOMED, "code", code, "display", display)));
  }

  private static Map<String, Object> identifier(String system, String value) {
    return Map.of("identifier", Map.of("system", system, "value", value));
  }
}
