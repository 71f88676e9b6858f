package org.openucp.clinical.fhir;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
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
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.openucp.clinical.plan.PlanVersion;
import org.openucp.clinical.urgentcare.CrisisSection;
import org.openucp.clinical.urgentcare.CrisisView;
import org.openucp.model.care.CeilingOfTreatment;
import org.openucp.model.care.LpaAuthority;
import org.openucp.model.care.NhsNumberVerification;
import org.openucp.model.plan.PlanContent;

/**
 * A published version as a FHIR R4 (UK Core shaped) document Bundle, built with HAPI's R4 model, that carries what
 * the crisis view and the printed plan carry. Its first entry is the Composition, whose sections follow the crisis
 * view's ReSPECT order ({@link CrisisSection}), each with a readable narrative and the resources it summarises: the
 * Patient; the CPR recommendation as an Observation with who decided, when, with whom it was discussed, where the
 * form is and when to review it; the CarePlan (ceiling of treatment and recommendations as activities, what matters
 * to me and preferences as notes, the planned review as a scheduled activity); an ADRT as a DocumentReference; the
 * main carer and key supporters as RelatedPerson with any Lasting Power of Attorney; AllergyIntolerance;
 * MedicationStatement (anticipatory medicines with where they are kept); everyone to call as a CareTeam of
 * RelatedPerson, Practitioner and Organization; Condition; and Provenance for the publication. What NRL pointers link
 * to as "the FHIR plan".
 */
public final class FhirPlan {

  static final String SNOMED = "http://snomed.info/sct";
  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
  static final String SDS_USER_ID = "https://fhir.nhs.uk/Id/sds-user-id";
  static final String SDS_JOB_ROLE = "https://fhir.hl7.org.uk/CodeSystem/UKCore-SDSJobRoleName";
  static final String NHS_NUMBER_VERIFICATION =
      "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
  static final String NHS_NUMBER_VERIFICATION_CODES =
      "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";
  static final String INTERPRETER_REQUIRED = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
  static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
  static final String CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131";
  static final String LIST_EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason";
  static final String PLAN_ID = "https://openucp.org/Id/care-plan";
  /** A document Bundle's identifier is a URI of its own (a {@code urn:uuid}), as FHIR documents are identified. */
  static final String URI = "urn:ietf:rfc:3986";
  static final String LPA_AUTHORITY = "https://openucp.org/fhir/StructureDefinition/lpa-authority";
  static final String LPA_AUTHORITY_CODES = "https://openucp.org/fhir/CodeSystem/lpa-authority";
  static final String CEILING_OF_TREATMENT_CODES = "https://openucp.org/fhir/CodeSystem/ceiling-of-treatment";
  /** What the document is: the type an NRL pointer to it carries. */
  static final String DOCUMENT_TYPE = "861421000000109";
  static final String DOCUMENT_TYPE_DISPLAY = "End of life care coordination summary";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  private FhirPlan() {
  }

  /** The Bundle of a published version as FHIR JSON; {@code baseUrl} is this API's, for links to attached documents. */
  public static String json(String nhsNumber, PlanVersion version, PlanContent plan, String baseUrl) {
    return FhirR4.json(bundle(nhsNumber, version, plan, baseUrl));
  }

  /** The document Bundle of a published version; {@code baseUrl} is this API's, for links to attached documents. */
  public static Bundle bundle(String nhsNumber, PlanVersion version, PlanContent plan, String baseUrl) {
    Entries entries = new Entries(version);
    Sections sections = new Sections();
    Composition composition = new Composition();
    entries.add("composition", composition);
    entries.add("patient", patient(nhsNumber, plan, entries));
    sections.entry(CrisisSection.IDENTITY, entries.ref("patient"), "Patient");
    CarePlan carePlan = new CarePlan();
    entries.add("careplan", carePlan);
    List<Reference> supportingInfo = new ArrayList<>();
    if (plan.cprDecision() != null) {
      String cpr = entries.add("cpr", cpr(plan, entries));
      supportingInfo.add(reference(cpr, plan.cprDecision().display()));
      sections.entry(CrisisSection.CPR, cpr, plan.cprDecision().display());
    }
    if (plan.adrt() != null && Boolean.TRUE.equals(plan.adrt().exists())) {
      String adrt = entries.add("adrt", adrt(nhsNumber, plan.adrt(), entries, baseUrl));
      supportingInfo.add(reference(adrt, "Advance decision to refuse treatment"));
      sections.entry(CrisisSection.ADRT, adrt, "Advance decision to refuse treatment");
    }
    // Before the contacts: a GP practice that also published the plan is then named as it was when publishing.
    organisation(version.organisation, version.organisationName, null, entries);
    String careTeam = careTeam(plan, entries, sections);
    allergies(plan, entries, sections);
    medicines(plan, entries, sections);
    List<Reference> addresses = conditions(plan, entries);
    if (plan.functionalLevel() != null) {
      supportingInfo.add(reference(entries.add("functional-level", functionalLevel(plan, entries)),
          "WHO (ECOG) performance status"));
    }

    carePlan.setMeta(new Meta().setVersionId(String.valueOf(version.version))
        .setLastUpdatedElement(new InstantType(version.publishedAt.toString())));
    carePlan.addIdentifier(identifier(PLAN_ID, version.planId.toString()));
    carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
    carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
    carePlan.addCategory(concept(SNOMED, "734163000", "Care plan"));
    carePlan.setTitle(title(version));
    carePlan.setSubject(entries.patient());
    // Publishing a version is its review: the crisis view's "last reviewed" is this date too.
    carePlan.setCreatedElement(new DateTimeType(version.publishedAt.toString()));
    carePlan.setAuthor(organisationReference(version, entries));
    if (careTeam != null) {
      carePlan.addCareTeam(reference(careTeam, "People to contact"));
    }
    carePlan.setAddresses(addresses);
    carePlan.setSupportingInfo(supportingInfo);
    carePlan.setActivity(activities(plan));
    carePlan.setNote(carePlanNotes(plan));
    if (plan.ceilingOfTreatment() != null || plan.otherTreatmentRecommendations() != null) {
      sections.entry(CrisisSection.TREATMENT, entries.ref("careplan"), carePlan.getTitle());
    }
    if (!preferences(plan).isEmpty()) {
      sections.entry(CrisisSection.PREFERENCES, entries.ref("careplan"), carePlan.getTitle());
    }
    String publisher = entries.add("publisher",
        practitioner(version.publishedByName, null, version.publishedBy));
    String provenance = entries.add("provenance", provenance(version, publisher, entries));
    sections.entry(CrisisSection.BANNER, provenance, "Publication of version " + version.version);

    composition.setIdentifier(identifier(PLAN_ID, version.planId.toString()));
    composition.setStatus(Composition.CompositionStatus.FINAL);
    composition.setType(concept(SNOMED, DOCUMENT_TYPE, DOCUMENT_TYPE_DISPLAY));
    composition.addCategory(concept(SNOMED, "734163000", "Care plan"));
    composition.setSubject(entries.patient());
    composition.setDateElement(new DateTimeType(version.publishedAt.toString()));
    composition.addAuthor(publisherReference(version, publisher));
    composition.addAuthor(organisationReference(version, entries));
    composition.setTitle(title(version));
    composition.setCustodian(organisationReference(version, entries));
    composition.setSection(sections.of(nhsNumber, version, plan));

    Bundle bundle = new Bundle();
    bundle.setId(version.planId + "-v" + version.version);
    bundle.setIdentifier(identifier(URI, entries.ref("document")));
    bundle.setType(Bundle.BundleType.DOCUMENT);
    bundle.setTimestampElement(new InstantType(version.publishedAt.toString()));
    bundle.setEntry(entries.list);
    return bundle;
  }

  private static String title(PlanVersion version) {
    return "Urgent care plan, version " + version.version;
  }

  /** Everyone to call, in the crisis view's order: main carer, key supporters, key worker, GP, professionals. */
  private static String careTeam(PlanContent plan, Entries entries, Sections sections) {
    CareTeam team = new CareTeam();
    if (plan.mainCarer() != null) {
      supporter("main-carer", plan.mainCarer(), "Main carer", team, entries, sections);
    }
    int index = 0;
    for (PlanContent.Supporter supporter : listOf(plan.keySupporters())) {
      supporter("supporter-" + ++index, supporter, "Key supporter", team, entries, sections);
    }
    if (plan.keyWorker() != null) {
      PlanContent.Contact worker = plan.keyWorker();
      String ref = entries.add("key-worker", practitioner(worker.name(), worker.telephone(), null));
      participant(team, Stream.of("Key worker", worker.role()).filter(Objects::nonNull).toList(),
          reference(ref, worker.name()), null);
    }
    if (plan.gp() != null) {
      PlanContent.GeneralPractitioner gp = plan.gp();
      Reference practice = practice(gp, entries);
      if (gp.name() != null) {
        String ref = entries.add("gp", practitioner(gp.name(), gp.telephone(), null));
        participant(team, List.of("GP"), reference(ref, gp.name()), practice);
      } else if (practice != null) {
        participant(team, List.of("GP"), practice, null);
      }
    }
    index = 0;
    for (PlanContent.Professional professional : listOf(plan.involvedProfessionals())) {
      String ref = entries.add("professional-" + ++index,
          practitioner(professional.name(), professional.telephone(), null));
      participant(team, professional.professionalGroup() == null ? List.of()
              : List.of(professional.professionalGroup()), reference(ref, professional.name()),
          professional.organisation() == null ? null : new Reference().setDisplay(professional.organisation()));
    }
    if (team.getParticipant().isEmpty()) {
      return null;
    }
    team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
    team.setName("People to contact");
    team.setSubject(entries.patient());
    if (plan.carerSupportAvailable() != null) {
      team.addNote(note("Carer support available: " + yesNo(plan.carerSupportAvailable())));
    }
    String ref = entries.add("care-team", team);
    sections.entry(CrisisSection.CONTACTS, ref, "People to contact");
    return ref;
  }

  /** A carer or key supporter in the team; one who holds a health and welfare LPA is also who represents them. */
  private static void supporter(String name, PlanContent.Supporter supporter, String role, CareTeam team,
      Entries entries, Sections sections) {
    String ref = entries.add(name, relatedPerson(supporter, role, entries));
    participant(team, List.of(role), reference(ref, supporter.name()), null);
    if (supporter.lpa() != null && supporter.lpa() != LpaAuthority.NONE) {
      sections.entry(CrisisSection.REPRESENTATION, ref, supporter.name());
    }
  }

  private static void participant(CareTeam team, List<String> roles, Reference member, Reference onBehalfOf) {
    CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
    roles.forEach(role -> participant.addRole(text(role)));
    participant.setMember(member);
    participant.setOnBehalfOf(onBehalfOf);
  }

  /** What the person wants, in their words and the plan's choices, for readers that show a care plan's notes. */
  private static List<Annotation> carePlanNotes(PlanContent plan) {
    List<String> notes = new ArrayList<>(preferences(plan));
    notes.add(label("Advance statement", plan.advanceStatement()));
    notes.add(adrtNote(plan.adrt()));
    if (plan.specialRequirements() != null) {
      notes.add(label("Disability", plan.specialRequirements().disability()));
      notes.add(label("Special requirements", plan.specialRequirements().notes()));
    }
    return notes.stream().filter(Objects::nonNull).map(FhirPlan::note).toList();
  }

  /** What matters to the person and where they want to be cared for and to die, as the crisis view says it. */
  private static List<String> preferences(PlanContent plan) {
    List<String> lines = new ArrayList<>();
    lines.add(label("What matters to me", plan.whatMattersToMe()));
    PlanContent.Preferences preferences = plan.preferences();
    if (preferences != null) {
      lines.add(label("Preferred place of care", preferences.preferredPlaceOfCare()));
      lines.add(label("Preferred place of death (1st choice)", preferences.preferredPlaceOfDeath()));
      lines.add(label("Preferred place of death (2nd choice)", preferences.secondPreferredPlaceOfDeath()));
      lines.add(label("Others to involve in decisions", preferences.othersToInvolve()));
      lines.add(label("Other preferences", preferences.otherPreferences()));
    }
    return lines.stream().filter(Objects::nonNull).toList();
  }

  private static Observation functionalLevel(PlanContent plan, Entries entries) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(text("WHO (ECOG) performance status"));
    observation.setSubject(entries.patient());
    observation.setValue(new IntegerType(plan.functionalLevel().ordinal()));
    observation.addNote(note(readable(plan.functionalLevel())));
    return observation;
  }

  /** Who published the version, in what job role, for which organisation (its ODS code and its name), and when. */
  private static Provenance provenance(PlanVersion version, String publisher, Entries entries) {
    Provenance provenance = new Provenance();
    provenance.addTarget(reference(entries.ref("careplan"), null));
    provenance.addTarget(reference(entries.ref("composition"), null));
    provenance.setRecordedElement(new InstantType(version.publishedAt.toString()));
    Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
    agent.setType(concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author",
        "Author"));
    agent.addRole(new CodeableConcept().addCoding(coding(SDS_JOB_ROLE, version.roleCode, null))
        .setText(role(version)));
    agent.setWho(publisherReference(version, publisher));
    agent.setOnBehalfOf(organisationReference(version, entries));
    return provenance;
  }

  private static String role(PlanVersion version) {
    return version.roleName == null || version.roleName.isBlank() ? version.roleCode : version.roleName;
  }

  private static Reference publisherReference(PlanVersion version, String publisher) {
    return reference(publisher, version.publishedByName).setIdentifier(identifier(SDS_USER_ID, version.publishedBy));
  }

  /** The organisation that published the version, by its ODS code and its name then. */
  private static Reference organisationReference(PlanVersion version, Entries entries) {
    return reference(entries.ref(organisationName(version.organisation)), version.organisationName)
        .setIdentifier(identifier(ODS, version.organisation));
  }

  private static Patient patient(String nhsNumber, PlanContent plan, Entries entries) {
    PlanContent.Person person = plan.person();
    Patient patient = new Patient();
    Identifier identifier = patient.addIdentifier();
    if (person != null && person.nhsNumberVerification() != null) {
      boolean verified = person.nhsNumberVerification() == NhsNumberVerification.VERIFIED;
      identifier.addExtension(NHS_NUMBER_VERIFICATION, concept(NHS_NUMBER_VERIFICATION_CODES,
          verified ? "01" : "02", verified ? "Number present and verified" : "Number present but not traced"));
    }
    identifier.setSystem(NHS_NUMBER).setValue(nhsNumber);
    PlanContent.SpecialRequirements needs = plan.specialRequirements();
    if (needs != null && needs.interpreterNeeded() != null) {
      patient.addExtension(INTERPRETER_REQUIRED, new BooleanType(needs.interpreterNeeded()));
    }
    if (person != null) {
      if (person.givenName() != null || person.familyName() != null) {
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(person.familyName());
        if (person.givenName() != null) {
          name.addGiven(person.givenName());
        }
      }
      if (person.preferredName() != null) {
        patient.addName().setUse(HumanName.NameUse.USUAL).setText(person.preferredName());
      }
      patient.setTelecom(phone(person.telephone()));
      patient.setGender(gender(person.gender()));
      if (person.dateOfBirth() != null) {
        patient.setBirthDateElement(new DateType(person.dateOfBirth().toString()));
      }
      if (person.address() != null || person.postcode() != null) {
        patient.addAddress().setUse(Address.AddressUse.HOME).setText(person.address())
            .setPostalCode(person.postcode() == null ? null : person.postcode().value());
      }
    }
    if (needs != null && needs.preferredLanguage() != null) {
      patient.addCommunication().setLanguage(text(needs.preferredLanguage())).setPreferred(true);
    }
    if (plan.gp() != null) {
      if (plan.gp().practiceName() != null || plan.gp().practiceCode() != null) {
        patient.addGeneralPractitioner(reference(entries.ref(practiceName(plan.gp())), plan.gp().practiceName()));
      }
      if (plan.gp().name() != null) {
        patient.addGeneralPractitioner(reference(entries.ref("gp"), plan.gp().name()));
      }
    }
    return patient;
  }

  /**
   * The ReSPECT CPR recommendation. R4 Observation has no element for when a finding should be reviewed, nor for
   * where a paper form is kept or with whom a decision was discussed, so these are components: they stay inside the
   * one resource a reader fetches for the decision and are typed (date, boolean, text) without an extension that
   * receiving systems would have to know. The decision maker is the performer, in their role.
   */
  private static Observation cpr(PlanContent plan, Entries entries) {
    PlanContent.CprDecision cpr = plan.cpr();
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setCode(text("CPR recommendation"));
    observation.setSubject(entries.patient());
    if (cpr.decidedOn() != null) {
      observation.setEffective(new DateTimeType(cpr.decidedOn().toString()));
    }
    if (cpr.decisionMaker() != null || cpr.decisionMakerRole() != null) {
      String display = join(", ", cpr.decisionMaker(), cpr.decisionMakerRole());
      String maker = cpr.decisionMaker() == null ? null
          : entries.add("cpr-decision-maker", practitioner(cpr.decisionMaker(), null, null));
      String performer = maker;
      if (cpr.decisionMakerRole() != null) {
        PractitionerRole role = new PractitionerRole();
        if (maker != null) {
          role.setPractitioner(reference(maker, cpr.decisionMaker()));
        }
        role.addCode(text(cpr.decisionMakerRole()));
        performer = entries.add("cpr-decision-maker-role", role);
      }
      observation.addPerformer(reference(performer, display));
    }
    observation.setValue(concept(SNOMED, cpr.decision().snomedCode(), cpr.decision().display())
        .setText(cpr.decision().display()));
    component(observation, "Discussed with the patient", bool(cpr.discussedWithPatient()));
    component(observation, "Discussed with the carer", bool(cpr.discussedWithCarer()));
    component(observation, "Where the signed form is kept",
        cpr.whereDocumented() == null ? null : new StringType(cpr.whereDocumented()));
    component(observation, "Review date", dateTime(cpr.reviewDate()));
    if (plan.informationGiven() != null) {
      component(observation, "Patient aware of the decision",
          bool(plan.informationGiven().patientAwareOfCprDecision()));
      component(observation, "Family informed of the decision",
          bool(plan.informationGiven().familyInformedOfCprDecision()));
    }
    return observation;
  }

  private static void component(Observation observation, String what, Type value) {
    if (value != null) {
      observation.addComponent().setCode(text(what)).setValue(value);
    }
  }

  /**
   * The ADRT document. Its {@code date} would be when this reference was made, so the day the decision was made is
   * the period of what the document records; R4 has no element for where a paper original is kept, so the
   * attachment's title says it, and the CarePlan's note repeats all of it for readers that show notes only.
   */
  private static DocumentReference adrt(String nhsNumber, PlanContent.Adrt adrt, Entries entries, String baseUrl) {
    DocumentReference document = new DocumentReference();
    document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    document.setType(text("Advance decision to refuse treatment"));
    document.setSubject(entries.patient());
    document.setDescription(adrt.decision());
    if (adrt.madeOn() != null) {
      document.getContext().setPeriod(new Period().setStartElement(dateTime(adrt.madeOn())));
    }
    Attachment attachment = new Attachment();
    if (adrt.attachmentId() != null) {
      attachment.setUrl(baseUrl + "/plans/" + nhsNumber + "/attachments/" + adrt.attachmentId());
    }
    attachment.setTitle("Advance decision to refuse treatment"
        + (adrt.documentLocation() == null ? "" : " (original kept: " + adrt.documentLocation() + ")"));
    document.addContent().setAttachment(attachment);
    return document;
  }

  private static String adrtNote(PlanContent.Adrt adrt) {
    if (adrt == null || adrt.exists() == null) {
      return null;
    }
    if (!adrt.exists()) {
      return "Advance decision to refuse treatment: none";
    }
    return "Advance decision to refuse treatment: " + join("; ", adrt.decision(),
        adrt.madeOn() == null ? null : "made on " + adrt.madeOn(),
        adrt.documentLocation() == null ? null : "original kept: " + adrt.documentLocation(),
        adrt.attachmentId() == null ? null : "a copy is attached");
  }

  /**
   * A carer or key supporter. Whether they hold a health and welfare Lasting Power of Attorney is the relationship
   * HPOWATT; R4 has no element for whether it reaches life-sustaining treatment, which decides who may refuse it, so
   * that is an extension (and the relationship's text says it for readers that ignore extensions).
   */
  private static RelatedPerson relatedPerson(PlanContent.Supporter supporter, String role, Entries entries) {
    RelatedPerson person = new RelatedPerson();
    if (supporter.lpa() != null) {
      person.addExtension(LPA_AUTHORITY, concept(LPA_AUTHORITY_CODES, supporter.lpa().name(), lpa(supporter.lpa()))
          .setText(lpa(supporter.lpa())));
    }
    person.setActive(true);
    person.setPatient(entries.patient());
    person.addRelationship(concept(CONTACT_ROLE, "C", "Emergency Contact").setText(role));
    if (supporter.relationship() != null) {
      person.addRelationship(text(supporter.relationship()));
    }
    if (supporter.lpa() != null && supporter.lpa() != LpaAuthority.NONE) {
      person.addRelationship(concept(ROLE_CODE, "HPOWATT", "healthcare power of attorney")
          .setText(lpa(supporter.lpa())));
    }
    if (supporter.name() != null) {
      person.addName().setText(supporter.name());
    }
    person.setTelecom(phone(supporter.telephone()));
    return person;
  }

  private static void allergies(PlanContent plan, Entries entries, Sections sections) {
    int index = 0;
    for (PlanContent.Allergy allergy : listOf(plan.allergies())) {
      AllergyIntolerance intolerance = allergy(entries);
      if (allergy.substance() != null) {
        intolerance.setCode(text(allergy.substance()));
      }
      if (allergy.reaction() != null) {
        intolerance.addReaction().addManifestation(text(allergy.reaction()));
      }
      sections.entry(CrisisSection.MEDICINES, entries.add("allergy-" + ++index, intolerance),
          allergy.substance());
    }
    if (index == 0 && Boolean.TRUE.equals(plan.noKnownAllergies())) {
      AllergyIntolerance none = allergy(entries);
      none.setCode(concept(SNOMED, "716186003", "No known allergy"));
      sections.entry(CrisisSection.MEDICINES, entries.add("allergy-none", none), "No known allergy");
    }
  }

  private static AllergyIntolerance allergy(Entries entries) {
    AllergyIntolerance intolerance = new AllergyIntolerance();
    intolerance.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
        "active", "Active"));
    intolerance.setPatient(entries.patient());
    return intolerance;
  }

  private static void medicines(PlanContent plan, Entries entries, Sections sections) {
    int index = 0;
    for (PlanContent.Medication medicine : listOf(plan.medications())) {
      MedicationStatement statement = new MedicationStatement();
      statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
      statement.setMedication(text(medicineName(medicine)));
      statement.setSubject(entries.patient());
      if (medicine.notes() != null) {
        statement.addNote(note(medicine.notes()));
      }
      if (medicine.dose() != null) {
        statement.addDosage(new Dosage().setText(medicine.dose()));
      }
      sections.entry(CrisisSection.MEDICINES, entries.add("medication-" + ++index, statement),
          medicineName(medicine));
    }
    PlanContent.AnticipatoryMedicines anticipatory = plan.anticipatoryMedicines();
    if (anticipatory != null) {
      MedicationStatement statement = new MedicationStatement();
      statement.setStatus(Boolean.FALSE.equals(anticipatory.prescribed())
          ? MedicationStatement.MedicationStatementStatus.NOTTAKEN
          : MedicationStatement.MedicationStatementStatus.ACTIVE);
      statement.setCategory(text("Anticipatory (just in case) medicines"));
      statement.setMedication(text(anticipatory.details() == null
          ? "Anticipatory (just in case) medicines" : anticipatory.details()));
      statement.setSubject(entries.patient());
      if (anticipatory.whereKept() != null) {
        statement.addNote(note("Kept at: " + anticipatory.whereKept()));
      }
      sections.entry(CrisisSection.MEDICINES, entries.add("anticipatory-medicines", statement),
          "Anticipatory (just in case) medicines");
    }
  }

  /** A medicine's name; R4 needs one, and a plan's medicine without one is named as such rather than "null". */
  private static String medicineName(PlanContent.Medication medicine) {
    return medicine.name() == null ? "Medicine not named" : medicine.name();
  }

  private static List<Reference> conditions(PlanContent plan, Entries entries) {
    PlanContent.Diagnoses diagnoses = plan.diagnoses();
    List<Reference> addresses = new ArrayList<>();
    if (diagnoses == null) {
      return addresses;
    }
    if (diagnoses.primaryEndOfLifeDiagnosis() != null) {
      Condition condition = condition(diagnoses.primaryEndOfLifeDiagnosis(), entries);
      PlanContent.InformationGiven given = plan.informationGiven();
      Stream.of(label("Prognosis", diagnoses.prognosis()),
              given == null ? null : label("Patient aware of the prognosis", yesNo(given.patientAwareOfPrognosis())),
              given == null ? null : label("Carer aware of the prognosis", yesNo(given.carerAwareOfPrognosis())))
          .filter(Objects::nonNull).map(FhirPlan::note).forEach(condition::addNote);
      addresses.add(reference(entries.add("condition-1", condition), diagnoses.primaryEndOfLifeDiagnosis()));
    }
    int index = 1;
    for (String other : listOf(diagnoses.otherDiagnoses())) {
      if (other != null) {
        addresses.add(reference(entries.add("condition-" + ++index, condition(other, entries)), other));
      }
    }
    return addresses;
  }

  private static Condition condition(String diagnosis, Entries entries) {
    Condition condition = new Condition();
    condition.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active",
        "Active"));
    condition.setCode(text(diagnosis));
    condition.setSubject(entries.patient());
    return condition;
  }

  /**
   * How far to escalate, and what else to do, are in force for any crisis ({@code in-progress}); R4 CarePlan has no
   * review date, and a review planned for a day is what a scheduled activity records.
   */
  private static List<CarePlan.CarePlanActivityComponent> activities(PlanContent plan) {
    List<CarePlan.CarePlanActivityComponent> activities = new ArrayList<>();
    CeilingOfTreatment ceiling = plan.ceilingOfTreatment();
    if (ceiling != null) {
      activities.add(activity(concept(CEILING_OF_TREATMENT_CODES, ceiling.name(), ceiling(ceiling))
          .setText("Ceiling of treatment: " + ceiling(ceiling)), CarePlan.CarePlanActivityStatus.INPROGRESS));
    }
    if (plan.otherTreatmentRecommendations() != null) {
      CarePlan.CarePlanActivityComponent other = activity(text("Other recommendations"),
          CarePlan.CarePlanActivityStatus.INPROGRESS);
      other.getDetail().setDescription(plan.otherTreatmentRecommendations());
      activities.add(other);
    }
    if (plan.plannedReviewDate() != null) {
      CarePlan.CarePlanActivityComponent review = activity(text("Review of this plan"),
          CarePlan.CarePlanActivityStatus.SCHEDULED);
      review.getDetail().setScheduled(new Period().setStartElement(dateTime(plan.plannedReviewDate())));
      activities.add(review);
    }
    return activities;
  }

  private static CarePlan.CarePlanActivityComponent activity(CodeableConcept code,
      CarePlan.CarePlanActivityStatus status) {
    CarePlan.CarePlanActivityComponent activity = new CarePlan.CarePlanActivityComponent();
    activity.getDetail().setCode(code).setStatus(status);
    return activity;
  }

  private static Reference practice(PlanContent.GeneralPractitioner gp, Entries entries) {
    if (gp.practiceName() == null && gp.practiceCode() == null) {
      return null;
    }
    String odsCode = gp.practiceCode() == null ? null : gp.practiceCode().value();
    Reference practice = reference(organisation(odsCode, gp.practiceName(), gp.telephone(), entries),
        gp.practiceName());
    if (odsCode != null) {
      practice.setIdentifier(identifier(ODS, odsCode));
    }
    return practice;
  }

  private static String practiceName(PlanContent.GeneralPractitioner gp) {
    return organisationName(gp.practiceCode() == null ? null : gp.practiceCode().value());
  }

  /** Each organisation once, by its ODS code: a practice that also published the plan is one Organization. */
  private static String organisationName(String odsCode) {
    return odsCode == null ? "practice" : "organisation-" + odsCode;
  }

  /** The organisation of that ODS code, added once; what a later mention knows that an earlier did not is added. */
  private static String organisation(String odsCode, String name, String telephone, Entries entries) {
    String key = organisationName(odsCode);
    Organization organisation = entries.get(key, Organization.class);
    if (organisation == null) {
      organisation = new Organization();
      entries.add(key, organisation);
    }
    if (odsCode != null && !organisation.hasIdentifier()) {
      organisation.addIdentifier(identifier(ODS, odsCode));
    }
    if (name != null && !organisation.hasName()) {
      organisation.setName(name);
    }
    if (telephone != null && !organisation.hasTelecom()) {
      organisation.setTelecom(phone(telephone));
    }
    return entries.ref(key);
  }

  private static Practitioner practitioner(String name, String telephone, String identifier) {
    Practitioner practitioner = new Practitioner();
    if (identifier != null) {
      practitioner.addIdentifier(identifier(SDS_USER_ID, identifier));
    }
    if (name != null) {
      practitioner.addName().setText(name);
    }
    practitioner.setTelecom(phone(telephone));
    return practitioner;
  }

  private static String ceiling(CeilingOfTreatment ceiling) {
    return switch (ceiling) {
      case FULL_ESCALATION -> "Full escalation of treatment";
      case SELECTIVE_TREATMENT -> "Selective treatment: ward-based, no intensive care";
      case SYMPTOMATIC_COMFORT_CARE -> "Symptomatic and comfort care";
    };
  }

  private static String lpa(LpaAuthority lpa) {
    return switch (lpa) {
      case NONE -> "No Lasting Power of Attorney for health and welfare";
      case WITHOUT_LIFE_SUSTAINING_TREATMENT ->
          "Lasting Power of Attorney for health and welfare, not including life-sustaining treatment";
      case WITH_LIFE_SUSTAINING_TREATMENT ->
          "Lasting Power of Attorney for health and welfare, including life-sustaining treatment";
    };
  }

  /** FHIR's administrative gender, where the plan's free text says one; anything else is left out, not guessed. */
  private static Enumerations.AdministrativeGender gender(String stated) {
    if (stated == null) {
      return null;
    }
    return switch (stated.strip().toLowerCase(Locale.ROOT)) {
      case "male", "m" -> Enumerations.AdministrativeGender.MALE;
      case "female", "f" -> Enumerations.AdministrativeGender.FEMALE;
      case "other" -> Enumerations.AdministrativeGender.OTHER;
      case "unknown" -> Enumerations.AdministrativeGender.UNKNOWN;
      default -> null;
    };
  }

  private static List<ContactPoint> phone(String telephone) {
    return telephone == null ? null
        : List.of(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(telephone));
  }

  private static Annotation note(String text) {
    return new Annotation().setText(text);
  }

  private static String label(String label, Object value) {
    return value == null ? null : label + ": " + (value instanceof Enum<?> e ? readable(e) : value);
  }

  private static String readable(Enum<?> value) {
    String words = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String yesNo(Boolean value) {
    return value == null ? null : value ? "yes" : "no";
  }

  private static String join(String separator, String... parts) {
    return String.join(separator, Stream.of(parts).filter(Objects::nonNull).toList());
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static BooleanType bool(Boolean value) {
    return value == null ? null : new BooleanType(value);
  }

  private static DateTimeType dateTime(LocalDate date) {
    return date == null ? null : new DateTimeType(date.toString());
  }

  private static CodeableConcept text(String text) {
    return new CodeableConcept().setText(text);
  }

  private static Coding coding(String system, String code, String display) {
    return new Coding().setSystem(system).setCode(code).setDisplay(display);
  }

  private static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept().addCoding(coding(system, code, display));
  }

  private static Identifier identifier(String system, String value) {
    return new Identifier().setSystem(system).setValue(value);
  }

  private static Reference reference(String ref, String display) {
    return new Reference(ref).setDisplay(display);
  }

  /**
   * The Composition's sections, in the crisis view's ReSPECT order ({@link CrisisSection}): each lists the resources
   * it summarises and says in its narrative what the crisis view says, so that a reader that only renders a document
   * shows the plan in that order.
   */
  private static final class Sections {

    private final Map<CrisisSection, List<Reference>> entries = new EnumMap<>(CrisisSection.class);

    void entry(CrisisSection section, String ref, String display) {
      List<Reference> references = entries.computeIfAbsent(section, s -> new ArrayList<>());
      if (references.stream().noneMatch(existing -> existing.getReference().equals(ref))) {
        references.add(reference(ref, display));
      }
    }

    List<Composition.SectionComponent> of(String nhsNumber, PlanVersion version, PlanContent plan) {
      List<Composition.SectionComponent> sections = new ArrayList<>();
      for (CrisisSection section : CrisisSection.values()) {
        List<String> lines = lines(section, nhsNumber, version, plan);
        Composition.SectionComponent component = new Composition.SectionComponent();
        component.setTitle(section.heading());
        component.setText(narrative(lines));
        List<Reference> references = entries.getOrDefault(section, List.of());
        component.setEntry(new ArrayList<>(references));
        if (references.isEmpty()) {
          // Said only where the plan says there is none: otherwise the narrative says it is not recorded.
          if (section == CrisisSection.ADRT && plan.adrt() != null && Boolean.FALSE.equals(plan.adrt().exists())) {
            component.setEmptyReason(concept(LIST_EMPTY_REASON, "nilknown", "Nil Known"));
          }
        }
        sections.add(component);
      }
      return sections;
    }

    private static List<String> lines(CrisisSection section, String nhsNumber, PlanVersion version,
        PlanContent plan) {
      List<String> lines = switch (section) {
        case IDENTITY -> identity(nhsNumber, plan);
        case CPR -> cpr(plan);
        case TREATMENT -> Stream.of(
            plan.ceilingOfTreatment() == null ? null : "Ceiling of treatment: " + ceiling(plan.ceilingOfTreatment()),
            label("Other recommendations", plan.otherTreatmentRecommendations())).toList();
        case ADRT -> List.of(Objects.requireNonNullElse(adrtNote(plan.adrt()),
            "Advance decision to refuse treatment: not recorded"));
        case REPRESENTATION -> representation(plan);
        case PREFERENCES -> Stream.concat(preferences(plan).stream(),
            Stream.of(label("Advance statement", plan.advanceStatement()))).toList();
        case MEDICINES -> medicines(plan);
        case CONTACTS -> contacts(plan);
        case BANNER -> banner(version, plan);
      };
      lines = lines.stream().filter(Objects::nonNull).toList();
      return lines.isEmpty() ? List.of("Not recorded") : lines;
    }

    private static List<String> identity(String nhsNumber, PlanContent plan) {
      PlanContent.Person person = plan.person();
      List<String> lines = new ArrayList<>();
      if (person != null) {
        String name = join(" ", person.givenName(), person.familyName());
        lines.add(name.isEmpty() ? null : "Name: " + name);
        lines.add(label("Preferred name", person.preferredName()));
        lines.add(label("Date of birth", person.dateOfBirth()));
      }
      lines.add("NHS number: " + nhsNumber);
      if (person != null) {
        String address = join(", ", person.address(), person.postcode() == null ? null : person.postcode().value());
        lines.add(address.isEmpty() ? null : "Address: " + address);
        lines.add(label("Telephone", person.telephone()));
      }
      PlanContent.SpecialRequirements needs = plan.specialRequirements();
      if (needs != null) {
        lines.add(label("Interpreter needed", yesNo(needs.interpreterNeeded())));
        lines.add(label("Preferred language", needs.preferredLanguage()));
      }
      return lines;
    }

    private static List<String> cpr(PlanContent plan) {
      PlanContent.CprDecision cpr = plan.cpr();
      if (cpr == null || cpr.decision() == null) {
        return List.of("CPR recommendation: not recorded");
      }
      String decidedBy = join(", ", cpr.decisionMaker(), cpr.decisionMakerRole());
      return Stream.of(cpr.decision().display(),
          label("Decided on", cpr.decidedOn()),
          decidedBy.isEmpty() ? null : "Decided by: " + decidedBy,
          label("Discussed with the patient", yesNo(cpr.discussedWithPatient())),
          label("Discussed with the carer", yesNo(cpr.discussedWithCarer())),
          label("Where the signed form is kept", cpr.whereDocumented()),
          label("Review date", cpr.reviewDate())).toList();
    }

    private static List<String> representation(PlanContent plan) {
      List<String> lines = Stream.concat(Stream.ofNullable(plan.mainCarer()), listOf(plan.keySupporters()).stream())
          .filter(supporter -> supporter.lpa() != null && supporter.lpa() != LpaAuthority.NONE)
          .map(supporter -> join(": ", person(supporter.name(), supporter.relationship(), supporter.telephone()),
              lpa(supporter.lpa())))
          .toList();
      return lines.isEmpty() ? List.of("No Lasting Power of Attorney for health and welfare recorded") : lines;
    }

    private static List<String> medicines(PlanContent plan) {
      List<String> lines = new ArrayList<>();
      for (PlanContent.Allergy allergy : listOf(plan.allergies())) {
        lines.add("Allergy: " + join(" ", Objects.requireNonNullElse(allergy.substance(), "substance not named"),
            allergy.reaction() == null ? null : "(reaction: " + allergy.reaction() + ")"));
      }
      if (lines.isEmpty()) {
        lines.add(Boolean.TRUE.equals(plan.noKnownAllergies()) ? "No known allergies" : "Allergies: not recorded");
      }
      for (PlanContent.Medication medicine : listOf(plan.medications())) {
        lines.add("Medicine: " + join("; ", medicineName(medicine), medicine.dose(), medicine.notes()));
      }
      PlanContent.AnticipatoryMedicines anticipatory = plan.anticipatoryMedicines();
      if (anticipatory != null) {
        lines.add("Anticipatory (just in case) medicines: " + join("; ",
            anticipatory.prescribed() == null ? null : anticipatory.prescribed() ? "prescribed" : "not prescribed",
            anticipatory.details(), anticipatory.whereKept() == null ? null : "kept at: " + anticipatory.whereKept()));
      }
      return lines;
    }

    private static List<String> contacts(PlanContent plan) {
      List<String> lines = new ArrayList<>();
      if (plan.mainCarer() != null) {
        lines.add("Main carer: " + person(plan.mainCarer().name(), plan.mainCarer().relationship(),
            plan.mainCarer().telephone()));
      }
      for (PlanContent.Supporter supporter : listOf(plan.keySupporters())) {
        lines.add("Key supporter: " + person(supporter.name(), supporter.relationship(), supporter.telephone()));
      }
      if (plan.keyWorker() != null) {
        lines.add("Key worker: " + person(plan.keyWorker().name(), plan.keyWorker().role(),
            plan.keyWorker().telephone()));
      }
      if (plan.gp() != null) {
        lines.add("GP: " + person(plan.gp().name(), plan.gp().practiceName(), plan.gp().telephone()));
      }
      for (PlanContent.Professional professional : listOf(plan.involvedProfessionals())) {
        lines.add(Objects.requireNonNullElse(professional.professionalGroup(), "Professional") + ": "
            + person(professional.name(), professional.organisation(), professional.telephone()));
      }
      return lines;
    }

    private static List<String> banner(PlanVersion version, PlanContent plan) {
      return Stream.of("Version " + version.version + ", published " + version.publishedAt,
          "Published by: " + join(", ", version.publishedByName, role(version),
              join(" ", version.organisationName, "(" + version.organisation + ")")),
          label("Planned review", plan.plannedReviewDate()),
          CrisisView.LEGAL_STATUS).toList();
    }

    /** Who someone is and how to reach them: "name (relationship or role), telephone", with what is known. */
    private static String person(String name, String relation, String telephone) {
      String who = join(" ", Objects.requireNonNullElse(name, "name not recorded"),
          relation == null ? null : "(" + relation + ")");
      return join(", ", who, telephone);
    }

    /** The lines as an XHTML list; XhtmlNode escapes the text. */
    private static Narrative narrative(List<String> lines) {
      XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
      div.setAttribute("xmlns", XHTML);
      XhtmlNode list = div.addTag("ul");
      lines.forEach(line -> list.addTag("li").addText(line));
      return new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
    }
  }

  /**
   * The Bundle's entries. A {@code urn:uuid} full URL must be a UUID: each is derived from the plan, the version and
   * what the resource is, so that the same version always gives the same Bundle and resources refer to each other
   * before they are added.
   */
  private static final class Entries {

    private final String seed;
    private final List<Bundle.BundleEntryComponent> list = new ArrayList<>();
    private final Map<String, Resource> added = new HashMap<>();

    Entries(PlanVersion version) {
      seed = version.planId + "/" + version.version + "/";
    }

    String ref(String name) {
      return "urn:uuid:" + id(name);
    }

    Reference patient() {
      return reference(ref("patient"), null);
    }

    /** Adds the resource unless one of that name was added already; its full URL either way. */
    String add(String name, Resource resource) {
      if (!added.containsKey(name)) {
        resource.setId(id(name).toString());
        added.put(name, resource);
        list.add(new Bundle.BundleEntryComponent().setFullUrl(ref(name)).setResource(resource));
      }
      return ref(name);
    }

    <T extends Resource> T get(String name, Class<T> type) {
      return type.cast(added.get(name));
    }

    private UUID id(String name) {
      return UUID.nameUUIDFromBytes((seed + name).getBytes(StandardCharsets.UTF_8));
    }
  }
}
