package org.openucp.clinical.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UrlType;
import org.hl7.fhir.r4.model.XhtmlType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * HAPI's FHIR R4 context, made once: it scans the model classes by reflection, which is slow, and is thread-safe once
 * made. Parsers are cheap and not thread-safe, so each use makes its own.
 *
 * <p>HAPI reads its model by reflection, so a native image needs the model classes registered: below are those that
 * a published plan's Bundle is made of (resources, their components and the datatypes they hold), checked against
 * a rich Bundle by {@code FhirBundleTest}. No native executable is built on our machines, so whether HAPI's scanner
 * needs more of the model (children that a plan never fills) is unproven there.
 */
@ApplicationScoped
@RegisterForReflection(targets = {
    Bundle.class, Bundle.BundleEntryComponent.class, Bundle.BundleLinkComponent.class,
    Composition.class, Composition.SectionComponent.class,
    Patient.class, Patient.PatientCommunicationComponent.class,
    CarePlan.class, CarePlan.CarePlanActivityComponent.class, CarePlan.CarePlanActivityDetailComponent.class,
    Observation.class, Observation.ObservationComponentComponent.class,
    DocumentReference.class, DocumentReference.DocumentReferenceContentComponent.class,
    DocumentReference.DocumentReferenceContextComponent.class,
    RelatedPerson.class, Practitioner.class, PractitionerRole.class, Organization.class,
    CareTeam.class, CareTeam.CareTeamParticipantComponent.class,
    AllergyIntolerance.class, AllergyIntolerance.AllergyIntoleranceReactionComponent.class,
    MedicationStatement.class, Condition.class,
    Provenance.class, Provenance.ProvenanceAgentComponent.class,
    Address.class, Annotation.class, Attachment.class, CodeableConcept.class, Coding.class, ContactPoint.class,
    Dosage.class, Extension.class, HumanName.class, Identifier.class, Meta.class, Narrative.class, Period.class,
    Reference.class,
    BooleanType.class, CodeType.class, DateTimeType.class, DateType.class, Enumeration.class, IdType.class,
    InstantType.class, IntegerType.class, MarkdownType.class, StringType.class, UriType.class, UrlType.class,
    XhtmlType.class, XhtmlNode.class})
public class FhirR4 {

  /** The resource types of a published plan's Bundle: scanned at startup rather than by the first request. */
  static final List<Class<? extends IBaseResource>> RESOURCES = List.of(Bundle.class, Composition.class,
      Patient.class, CarePlan.class, Observation.class, DocumentReference.class, RelatedPerson.class,
      Practitioner.class, PractitionerRole.class, Organization.class, CareTeam.class, AllergyIntolerance.class,
      MedicationStatement.class, Condition.class, Provenance.class);

  private static final class Holder {
    private static final FhirContext CONTEXT = FhirContext.forR4();
  }

  /** The one R4 context. */
  public static FhirContext context() {
    return Holder.CONTEXT;
  }

  /** A resource as compact FHIR JSON. */
  public static String json(IBaseResource resource) {
    return context().newJsonParser().encodeResourceToString(resource);
  }

  /** HAPI scans a resource type on its first use: done here, so that no request waits on it on the event loop. */
  void scanAtStartup(@Observes StartupEvent started) {
    RESOURCES.forEach(context()::getResourceDefinition);
  }
}
