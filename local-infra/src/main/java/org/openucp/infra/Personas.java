package org.openucp.infra;

import java.util.List;

/** The demo personas served by the local issuer. Local and clearly fictional: not real people or credentials. */
public final class Personas {

  public static final String OPERATOR_ORGANISATION = "OPENUCP";
  public static final String DEMO_PRACTICE = "A83008";
  /** A second practice, so that what one organisation's staff must not see of another's plans can be tried. */
  public static final String SECOND_PRACTICE = "B82005";
  public static final String DEMO_AMBULANCE_TRUST = "RRU";
  public static final String DEMO_111_PROVIDER = "NLO";
  public static final String PATIENT_NHS_NUMBER = "9434765919";
  public static final String SECOND_PATIENT_NHS_NUMBER = "4010232137";

  public static final Persona GP = Persona.staff("gp", "GP at a demo practice", "Dr Jane Doe", "555000000001",
      "R0260", "\"Clinical\":\"Clinical Provision\":\"General Medical Practitioner\"", DEMO_PRACTICE, "AAL3_ANY");
  public static final Persona COMMUNITY_NURSE = Persona.staff("community-nurse", "Community nurse",
      "Sam Nurse", "555000000002", "R0700", "\"Clinical\":\"Clinical Provision\":\"Community Nurse\"",
      DEMO_PRACTICE, "AAL3_ANY");
  public static final Persona CALL_HANDLER_111 = Persona.staff("call-handler-111", "NHS 111 call handler",
      "Alex Handler", "555000000003", "R1690", "\"Clinical\":\"Clinical Provision\":\"Call Operator\"",
      DEMO_111_PROVIDER, "AAL2_OR_AAL3_ANY");
  public static final Persona PARAMEDIC = Persona.staff("paramedic", "Ambulance paramedic", "Pat Medic",
      "555000000004", "R1070", "\"Clinical\":\"Clinical Provision\":\"Paramedic\"", DEMO_AMBULANCE_TRUST,
      "AAL3_ANY");
  public static final Persona CLINICAL_ADMIN = Persona.staff("clinical-admin", "Admin / clinical support",
      "Chris Admin", "555000000005", "R8008", "\"Admin\":\"Clinical Support\":\"Admin/Clinical Support Access Role\"",
      DEMO_PRACTICE, "AAL3_ANY");
  public static final Persona PLATFORM_ADMIN = Persona.staff("platform-admin",
      "Platform administrator: onboards organisations", "Ola Admin", "555000000006", "R8005",
      "\"Admin\":\"Management\":\"Senior Manager\"", OPERATOR_ORGANISATION, "AAL3_ANY");
  public static final Persona IG_OFFICER = Persona.staff("ig-officer",
      "Information governance officer at the operator: rights requests, restrictions, breaches", "Ines Governance",
      "555000000007", "R8006", "\"Admin\":\"Management\":\"Information Governance\"", OPERATOR_ORGANISATION,
      "AAL3_ANY");
  public static final Persona SECOND_PRACTICE_GP = Persona.staff("gp-2", "GP at the second demo practice",
      "Dr Sam Second", "555000000011", "R0260", "\"Clinical\":\"Clinical Provision\":\"General Medical Practitioner\"",
      SECOND_PRACTICE, "AAL3_ANY");
  public static final Persona SECOND_PRACTICE_NURSE = Persona.staff("community-nurse-2",
      "Community nurse at the second demo practice", "Kim Second", "555000000012", "R0700",
      "\"Clinical\":\"Clinical Provision\":\"Community Nurse\"", SECOND_PRACTICE, "AAL3_ANY");
  public static final Persona SECOND_PRACTICE_ADMIN = Persona.staff("clinical-admin-2",
      "Admin / clinical support at the second demo practice", "Lee Second", "555000000013", "R8008",
      "\"Admin\":\"Clinical Support\":\"Admin/Clinical Support Access Role\"", SECOND_PRACTICE, "AAL3_ANY");
  public static final Persona PATIENT = Persona.patient("patient", "Patient (P9)", PATIENT_NHS_NUMBER,
      "SMITH", "1948-03-12", "P9");
  public static final Persona SECOND_PATIENT = Persona.patient("second-patient", "Another patient (P9)",
      SECOND_PATIENT_NHS_NUMBER, "JONES", "1952-11-30", "P9");
  public static final Persona PORTAL_SERVICE = Persona.service("portal-service",
      "The portal API calling the clinical API", "draft-intake patient-access");

  public static final Persona URGENT_CARE_SYSTEM = Persona.service("urgent-care-system",
      "An urgent-care system reading the flag feed and NRL pointers", "flag-reader");

  public static final List<Persona> ALL = List.of(GP, COMMUNITY_NURSE, CALL_HANDLER_111, PARAMEDIC, CLINICAL_ADMIN,
      SECOND_PRACTICE_GP, SECOND_PRACTICE_NURSE, SECOND_PRACTICE_ADMIN, PLATFORM_ADMIN, IG_OFFICER, PATIENT,
      SECOND_PATIENT,
      PORTAL_SERVICE, URGENT_CARE_SYSTEM);

  /** The staff personas, whom the demo organisations list on their rosters. */
  public static final List<Persona> STAFF = List.of(GP, COMMUNITY_NURSE, CALL_HANDLER_111, PARAMEDIC,
      CLINICAL_ADMIN, SECOND_PRACTICE_GP, SECOND_PRACTICE_NURSE, SECOND_PRACTICE_ADMIN);

  private Personas() {
  }
}
