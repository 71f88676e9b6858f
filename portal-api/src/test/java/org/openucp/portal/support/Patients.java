package org.openucp.portal.support;

import java.util.concurrent.ThreadLocalRandom;
import org.openucp.infra.Persona;
import org.openucp.model.identity.NhsNumber;

/** Patients of their own for tests that need more than the two demo patients. */
public final class Patients {

  private Patients() {
  }

  public static Persona aPatient() {
    while (true) {
      String base = String.format("9%08d", ThreadLocalRandom.current().nextInt(100_000_000));
      for (int check = 0; check <= 9; check++) {
        if (NhsNumber.isValid(base + check)) {
          return Persona.patient("patient-" + base, "A patient", base + check, "DOE", "1950-01-01", "P9");
        }
      }
    }
  }
}
