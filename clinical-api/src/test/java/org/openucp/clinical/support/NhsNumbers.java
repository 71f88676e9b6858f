package org.openucp.clinical.support;

import java.util.concurrent.ThreadLocalRandom;
import org.openucp.model.identity.NhsNumber;

/** Fresh, well-formed NHS numbers, so that each test has a patient of its own. */
public final class NhsNumbers {

  private NhsNumbers() {
  }

  public static String fresh() {
    while (true) {
      String candidate = String.format("9%08d", ThreadLocalRandom.current().nextInt(100_000_000));
      for (int check = 0; check <= 9; check++) {
        if (NhsNumber.isValid(candidate + check)) {
          return candidate + check;
        }
      }
    }
  }
}
