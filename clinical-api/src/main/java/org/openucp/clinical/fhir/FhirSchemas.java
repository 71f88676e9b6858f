package org.openucp.clinical.fhir;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outline of the FHIR R4 resources this API serves, for its OpenAPI document: enough for a generated client to
 * find its way (resource type, identifiers, entries); the full definitions are FHIR R4's own
 * (https://hl7.org/fhir/R4/). The resources themselves are written by HAPI FHIR or by {@code DocumentReferences}.
 */
public final class FhirSchemas {

  private FhirSchemas() {
  }

  /** Any FHIR R4 resource: its type names the definition of the other members. */
  @Schema(name = "FhirResource", description = "A FHIR R4 resource; resourceType names its definition at "
      + "https://hl7.org/fhir/R4/", additionalProperties = Schema.True.class)
  public record Resource(@Schema(required = true, examples = "DocumentReference") String resourceType, String id) {
  }

  /** One entry of a Bundle. */
  @Schema(name = "FhirBundleEntry")
  public record BundleEntry(String fullUrl, Resource resource) {
  }

  /** A FHIR R4 Bundle: a document (a published version) or a searchset (NRL pointers). */
  @Schema(name = "FhirBundle", description = "A FHIR R4 Bundle (https://hl7.org/fhir/R4/bundle.html)",
      additionalProperties = Schema.True.class)
  public record Bundle(@Schema(required = true, enumeration = "Bundle") String resourceType, String id,
      @Schema(required = true, enumeration = {"document", "searchset"}) String type, Instant timestamp,
      Integer total, List<BundleEntry> entry) {
  }

  /** A FHIR R4 DocumentReference shaped as the National Record Locator expects. */
  @Schema(name = "FhirDocumentReference", description = "A FHIR R4 DocumentReference "
      + "(https://hl7.org/fhir/R4/documentreference.html) shaped for the National Record Locator",
      additionalProperties = Schema.True.class)
  public record DocumentReference(@Schema(required = true, enumeration = "DocumentReference") String resourceType,
      String id, @Schema(enumeration = {"current", "superseded"}) String status) {
  }
}
