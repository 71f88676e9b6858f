package org.openucp.clinical.urgentcare.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.AuditFilter;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.security.Roles;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.clinical.urgentcare.PublishedPlan;
import org.openucp.clinical.urgentcare.service.UrgentCareLookup;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.identity.Postcode;

@Path("/urgent-care/patients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Urgent care", description = "Find a published plan in a crisis and read it in seconds")
@SecurityRequirement(name = "cis2")
public class UrgentCareResource {

  private final UrgentCareLookup lookup;

  public UrgentCareResource(UrgentCareLookup lookup) {
    this.lookup = lookup;
  }

  /** Someone who matched a search, to choose between: enough to tell people apart, then look up by number. */
  public record Candidate(String nhsNumber, String givenName, String familyName, LocalDate dateOfBirth,
      String postcode) {

    static Candidate of(PublishedPlan entry) {
      return new Candidate(entry.nhsNumber, entry.givenName, entry.familyName, entry.dateOfBirth, entry.postcode);
    }
  }

  /** The outcome of a search: a crisis view for exactly one person, or candidates to choose from. */
  public record SearchResult(int matches,
      @JsonRawValue @Schema(implementation = CrisisView.class) String plan,
      List<Candidate> candidates) {
  }

  @GET
  @Path("/{nhsNumber}")
  @Audited(UrgentCareLookup.BY_NUMBER)
  @Operation(summary = "Crisis view of a patient's published plan, by NHS number (state why in X-Access-Reason)")
  @APIResponse(responseCode = "200", description = "The crisis view",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CrisisView.class)))
  @APIResponse(responseCode = "400", description = "Not a valid NHS number")
  @APIResponse(responseCode = "404", description = "No published plan for this NHS number")
  @APIResponse(responseCode = "503", description = "The database cannot be reached: whether a plan exists is not "
      + "known (never a \"no plan\" answer); try again after Retry-After seconds")
  public Uni<String> readCrisisView(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @Parameter(description = "Why you are looking at this record, kept in the audit trail")
      @HeaderParam(AuditFilter.REASON_HEADER) String reason) {
    return lookup.crisisView(nhsNumber, reason);
  }

  @GET
  @Audited("lookup.by-demographics")
  @Operation(summary = "Find a published plan by family name, date of birth and (if known) postcode")
  @APIResponse(responseCode = "200", description = "One match with its crisis view, or several to choose from")
  @APIResponse(responseCode = "400", description = "Missing or invalid search fields")
  @APIResponse(responseCode = "404", description = "Nobody with a published plan matches")
  @APIResponse(responseCode = "503", description = "The database cannot be reached: whether anyone matches is not "
      + "known (never a \"no plan\" answer); try again after Retry-After seconds")
  public Uni<SearchResult> findByDemographics(@QueryParam("familyName") @NotBlank @Size(max = 100) String familyName,
      @QueryParam("dateOfBirth") @NotNull LocalDate dateOfBirth, @QueryParam("postcode") Postcode postcode) {
    return lookup.byDemographics(familyName, dateOfBirth, postcode).map(search -> search.match() != null
        ? new SearchResult(1, search.match(), List.of())
        : new SearchResult(search.candidates().size(), null,
            search.candidates().stream().map(Candidate::of).toList()));
  }
}
