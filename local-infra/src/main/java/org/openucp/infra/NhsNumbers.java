package org.openucp.infra;

import java.util.concurrent.ThreadLocalRandom;
import org.openucp.model.identity.NhsNumber;

/** Fresh, well-formed NHS numbers (starting with 9, as test numbers do), so that each test has a patient of its own. */
public final class NhsNumbers {

  private NhsNumbers() {
  }

  public static String fresh() {
    while (true) {
      String nineDigits = String.format("9%08d", ThreadLocalRandom.current().nextInt(100_000_000));
      var completed = NhsNumber.completing(nineDigits);
      if (completed.isPresent()) {
        return completed.get().value();
      }
    }
  }

  /** An NHS-login-style patient of their own, identity checked to P9. */
  public static Persona freshPatient() {
    return patient(fresh());
  }

  /** The NHS-login-style identity of the patient with this NHS number, identity checked to P9. */
  public static Persona patient(String nhsNumber) {
    return Persona.patient("patient-" + nhsNumber, "A patient", nhsNumber, "DOE", "1950-01-01", "P9");
  }
}
