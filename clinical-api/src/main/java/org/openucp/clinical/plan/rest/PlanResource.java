package org.openucp.clinical.plan.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openucp.clinical.audit.Audited;
import org.openucp.clinical.plan.rest.PlanViews.DraftView;
import org.openucp.clinical.plan.rest.PlanViews.InitiateRequest;
import org.openucp.clinical.plan.rest.PlanViews.PlanSummary;
import org.openucp.clinical.plan.rest.PlanViews.PublicationView;
import org.openucp.clinical.plan.rest.PlanViews.PublishedView;
import org.openucp.clinical.plan.rest.PlanViews.VersionStamp;
import org.openucp.clinical.plan.service.PlanService;
import org.openucp.clinical.fhir.FhirPlan;
import org.openucp.clinical.fhir.FhirSchemas;
import org.openucp.clinical.print.PrintedPlans;
import org.openucp.clinical.security.Roles;
import org.openucp.model.identity.NhsNumber;
import org.openucp.model.plan.PlanContent;
import org.openucp.web.paging.Page;
import org.openucp.web.version.Versions;

@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.STAFF)
@Tag(name = "Plans", description = "Urgent care plans: initiate, edit, publish, revise; one per NHS number")
@SecurityRequirement(name = "cis2")
public class PlanResource {

  private final PlanService plans;
  private final PrintedPlans printed;

  public PlanResource(PlanService plans, PrintedPlans printed) {
    this.plans = plans;
    this.printed = printed;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("plan.initiate")
  @Operation(summary = "Initiate a plan as a draft, recording the patient's consent in the same request")
  @APIResponse(responseCode = "201", description = "Initiated; the ETag is its revision",
      headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")},
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named (consent is required)")
  @APIResponse(responseCode = "409", description = "This person already has a plan")
  @APIResponse(responseCode = "422", description = "The consent basis does not apply to this person, or the ADRT "
      + "names a document that is not attached")
  public Uni<Response> initiatePlan(
      @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = InitiateRequest.class),
          examples = @ExampleObject(name = "a-plan-with-consent",
              summary = "A plan started at a home visit, consent recorded with it",
              value = "{\"nhsNumber\": \"9434765919\", \"consent\": {\"basis\": \"EXPLICIT_CONSENT\","
                  + " \"notes\": \"Discussed at home with the patient and her daughter\"},"
                  + " \"content\": {\"person\": {\"givenName\": \"Margaret\", \"familyName\": \"Smith\","
                  + " \"dateOfBirth\": \"1948-03-12\", \"postcode\": \"SW3 6JJ\"},"
                  + " \"whatMattersToMe\": \"Being at home with my cat\","
                  + " \"plannedReviewDate\": \"2027-06-01\"}}")))
      @NotNull @Valid InitiateRequest request, UriInfo uri) {
    PlanContent content = request.content() == null ? PlanContent.empty() : request.content();
    PlanService.ConsentStatement consent = request.consent().statement();
    return plans.initiate(request.nhsNumber(), content, consent).map(draft -> Response
        .created(uri.getAbsolutePathBuilder().path(draft.plan().nhsNumber).build())
        .tag(Versions.etag(draft.plan().revision))
        .entity(DraftView.of(draft)).build());
  }

  @GET
  @Path("/{nhsNumber}")
  @Audited("plan.summary")
  @Operation(summary = "Where a plan stands: versions published and, for authors, whether a draft is open")
  @APIResponse(responseCode = "200", description = "The plan's summary; the ETag is its revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = PlanSummary.class)))
  @APIResponse(responseCode = "400", description = "Not a valid NHS number")
  @APIResponse(responseCode = "404", description = "No plan (or, for urgent care, no published plan)")
  public Uni<Response> readPlanSummary(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return plans.summary(nhsNumber).map(summary -> Response.ok(PlanSummary.of(summary))
        .tag(Versions.etag(summary.plan().revision)).build());
  }

  @GET
  @Path("/{nhsNumber}/draft")
  @Audited("plan.draft.read")
  @Operation(summary = "Read the working draft")
  @APIResponse(responseCode = "200", description = "The draft; the ETag is the plan's revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "400", description = "Not a valid NHS number")
  @APIResponse(responseCode = "404", description = "No plan, or no open draft")
  public Uni<Response> readDraft(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return plans.draft(nhsNumber).map(PlanResource::withRevision);
  }

  @PUT
  @Path("/{nhsNumber}/draft")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("plan.draft.save")
  @Operation(summary = "Save the draft (on a published plan without a draft, this starts a revision)")
  @APIResponse(responseCode = "200", description = "Saved; the ETag is the new revision",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "400", description = "Invalid fields, each one named; nothing was saved")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  @APIResponse(responseCode = "412", description = "Someone saved since you read it")
  @APIResponse(responseCode = "422", description = "The ADRT names a document that is not attached to this plan")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> saveDraft(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam("If-Match") String ifMatch,
      @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = PlanContent.class),
          examples = @ExampleObject(name = "an-edited-draft",
              summary = "The draft with what matters to the patient and a review date",
              value = "{\"person\": {\"givenName\": \"Margaret\", \"familyName\": \"Smith\","
                  + " \"dateOfBirth\": \"1948-03-12\", \"postcode\": \"SW3 6JJ\"},"
                  + " \"whatMattersToMe\": \"Being at home with my cat\","
                  + " \"advanceStatement\": \"I would rather not go to hospital\","
                  + " \"plannedReviewDate\": \"2027-06-01\"}")))
      @NotNull @Valid PlanContent content) {
    return plans.saveDraft(nhsNumber, Versions.required(ifMatch), content).map(PlanResource::withRevision);
  }

  @POST
  @Path("/{nhsNumber}/revision")
  @Audited("plan.revise")
  @Operation(summary = "Start a draft revision from the newest published version")
  @APIResponse(responseCode = "201", description = "A draft holding the published content",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  @APIResponse(responseCode = "409", description = "A draft is already open")
  public Uni<Response> startRevision(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return plans.revise(nhsNumber).map(draft -> Response.status(201).entity(DraftView.of(draft))
        .tag(Versions.etag(draft.plan().revision)).build());
  }

  @POST
  @Path("/{nhsNumber}/publication")
  @Audited("plan.publish")
  @Operation(summary = "Publish the draft as a new immutable version, visible to urgent care")
  @APIResponse(responseCode = "201", description = "Published, with warnings to review",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = PublicationView.class)))
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  @APIResponse(responseCode = "409", description = "No draft to publish")
  @APIResponse(responseCode = "412", description = "Someone saved since you read it")
  @APIResponse(responseCode = "422", description = "The plan is not complete or correct enough to publish")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> publishDraft(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam("If-Match") String ifMatch) {
    return plans.publish(nhsNumber, Versions.required(ifMatch)).map(publication -> Response.status(201)
        .entity(PublicationView.of(publication)).tag(Versions.etag(publication.plan().revision)).build());
  }

  /** Why the new version corrects the published one, e.g. what the patient showed to be wrong. */
  public record CorrectionRequest(@NotBlank @Size(max = 1000) String reason) {
  }

  @POST
  @Path("/{nhsNumber}/corrections")
  @Consumes(MediaType.APPLICATION_JSON)
  @Audited("plan.correct")
  @Operation(summary = "Publish the draft as a correction of the published version, with the reason: urgent care "
      + "sees that the plan was corrected, and the corrected version is kept")
  @APIResponse(responseCode = "201", description = "Published as a correction, with warnings to review",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(schema = @Schema(implementation = PublicationView.class)))
  @APIResponse(responseCode = "400", description = "No reason given")
  @APIResponse(responseCode = "409", description = "No draft to publish, or nothing published to correct")
  @APIResponse(responseCode = "412", description = "Someone saved since you read it")
  @APIResponse(responseCode = "422", description = "The plan is not complete or correct enough to publish")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Uni<Response> publishCorrection(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @HeaderParam("If-Match") String ifMatch,
      @NotNull @Valid CorrectionRequest correction) {
    return plans.publishCorrection(nhsNumber, Versions.required(ifMatch), correction.reason())
        .map(publication -> Response.status(201).entity(PublicationView.of(publication))
            .tag(Versions.etag(publication.plan().revision)).build());
  }

  @GET
  @Path("/{nhsNumber}/versions")
  @Audited("plan.history")
  @Operation(summary = "The plan's published versions, newest first")
  @APIResponse(responseCode = "200", description = "Who published each version, when, in what role")
  @APIResponse(responseCode = "404", description = "No plan for this NHS number")
  public Uni<Page<VersionStamp>> listVersions(@PathParam("nhsNumber") NhsNumber nhsNumber, UriInfo request) {
    return plans.history(nhsNumber).map(list -> Page.complete(list.stream().map(VersionStamp::of).toList(), request));
  }

  @GET
  @Path("/{nhsNumber}/published")
  @Audited("plan.read")
  @Operation(summary = "Read the newest published version")
  @APIResponse(responseCode = "200", description = "The published plan")
  @APIResponse(responseCode = "404", description = "No published plan for this NHS number")
  public Uni<PublishedView> readPublishedVersion(@PathParam("nhsNumber") NhsNumber nhsNumber) {
    return plans.published(nhsNumber, null).map(PublishedView::of);
  }

  @GET
  @Path("/{nhsNumber}/versions/{version}")
  @Audited("plan.read")
  @Operation(summary = "Read one published version")
  @APIResponse(responseCode = "200", description = "The version")
  @APIResponse(responseCode = "404", description = "No such version")
  public Uni<PublishedView> readVersion(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @PathParam("version") @Min(1) int version) {
    return plans.published(nhsNumber, version).map(PublishedView::of);
  }

  @GET
  @Path("/{nhsNumber}/versions/{version}/pdf")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  @Audited("plan.print")
  @Operation(summary = "The printable plan (PDF) of a published version")
  @APIResponse(responseCode = "200", description = "The PDF",
      content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "No such version")
  public Uni<Response> printVersion(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @PathParam("version") @Min(1) int version) {
    return printed.printed(nhsNumber, version).map(pdf -> Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "inline; filename=\"urgent-care-plan-" + nhsNumber.value() + "-v" + version
            + ".pdf\"")
        .build());
  }

  @GET
  @Path("/{nhsNumber}/versions/{version}/fhir")
  // The first type is what a client that accepts anything (*/*) gets: FHIR clients expect application/fhir+json.
  @Produces({"application/fhir+json", MediaType.APPLICATION_JSON})
  @Audited("plan.read")
  @Operation(summary = "A published version as a FHIR R4 document Bundle (Composition, Patient, CarePlan, ...)")
  @APIResponse(responseCode = "200", description = "The FHIR Bundle", content = {
      @Content(mediaType = "application/fhir+json", schema = @Schema(implementation = FhirSchemas.Bundle.class)),
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FhirSchemas.Bundle.class))})
  @APIResponse(responseCode = "404", description = "No such version")
  // FHIR JSON as HAPI writes it: a String, so that no JSON mapper rewrites it.
  public Uni<String> readVersionAsFhir(@PathParam("nhsNumber") NhsNumber nhsNumber,
      @PathParam("version") @Min(1) int version, UriInfo uri) {
    String base = uri.getBaseUri().toString().replaceAll("/$", "");
    return plans.published(nhsNumber, version).map(published -> FhirPlan.json(published.plan().nhsNumber,
        published.version(), published.content(), base));
  }

  private static Response withRevision(PlanService.Draft draft) {
    return Response.ok(DraftView.of(draft)).tag(Versions.etag(draft.plan().revision)).build();
  }
}
