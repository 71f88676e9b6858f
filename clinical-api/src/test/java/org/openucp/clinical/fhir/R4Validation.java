package org.openucp.clinical.fhir;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI's validator against base FHIR R4 only (the core StructureDefinitions, ValueSets and CodeSystems shipped in
 * {@code hapi-fhir-validation-resources-r4}), offline: no terminology server and no UK Core package. Made once: it
 * loads the whole R4 specification.
 */
final class R4Validation {

  /**
   * Code systems that an offline validator against base R4 cannot know, so cannot check a code of: SNOMED CT (only a
   * terminology server has it), UK Core's code systems (UK Core is not base R4) and Open UCP's own (ceiling of
   * treatment, LPA authority: published nowhere the validator could read them).
   */
  static final List<String> EXTERNAL_CODE_SYSTEMS = List.of("http://snomed.info/sct",
      "https://fhir.hl7.org.uk/CodeSystem/", "https://openucp.org/fhir/CodeSystem/");

  /** What the in-memory terminology service says of a code whose system it does not have. */
  private static final String UNKNOWN_CODE_SYSTEM = "CodeSystem is unknown and can't be validated: ";

  private static final FhirValidator VALIDATOR = FhirR4.context().newValidator()
      .registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
          new DefaultProfileValidationSupport(FhirR4.context()),
          new InMemoryTerminologyServerValidationSupport(FhirR4.context()),
          new CommonCodeSystemsTerminologyService(FhirR4.context()))));

  private R4Validation() {
  }

  static ValidationResult validate(String json) {
    return VALIDATOR.validateWithResult(json);
  }

  /**
   * The ERROR and FATAL messages, less exactly one kind: that a code's system is unknown, for a system in
   * {@link #EXTERNAL_CODE_SYSTEMS}. The validator reports a code it cannot look up at the severity of its binding, so
   * a code from one of those systems under a required binding would be an ERROR that says nothing about the Bundle,
   * only about what this offline validator has. (With 8.8.0 and this Bundle such messages are warnings, so nothing is
   * tolerated today.) Any other ERROR or FATAL, and that same message for any other system, fails.
   */
  static List<SingleValidationMessage> errors(ValidationResult result) {
    return result.getMessages().stream()
        .filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
            || message.getSeverity() == ResultSeverityEnum.FATAL)
        .filter(message -> !unknownExternalCodeSystem(message))
        .toList();
  }

  static String describe(List<SingleValidationMessage> messages) {
    return String.join("\n", messages.stream().map(message -> message.getSeverity() + " " + message.getMessageId()
        + " at " + message.getLocationString() + ": " + message.getMessage()).toList());
  }

  private static boolean unknownExternalCodeSystem(SingleValidationMessage message) {
    String text = message.getMessage();
    return text != null
        && EXTERNAL_CODE_SYSTEMS.stream().anyMatch(system -> text.contains(UNKNOWN_CODE_SYSTEM + system));
  }
}
