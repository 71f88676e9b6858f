package org.openucp.clinical.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access table as the README states it, written out independently of {@link AccessPolicy} so that a change to
 * either shows up as a failing test. Columns in {@link #COLUMNS} order; {@code Y} allows, {@code .} denies.
 */
final class ExpectedAccess {

  static final List<Permission> COLUMNS = List.of(Permission.VIEW_PUBLISHED, Permission.VIEW_DRAFT,
      Permission.INITIATE, Permission.EDIT, Permission.PUBLISH, Permission.RECORD_DNACPR, Permission.RECORD_CONSENT,
      Permission.WITHDRAW_CONSENT, Permission.CLAIM_SUBMISSION, Permission.READ_AUDIT,
      Permission.ADMINISTER_ORGANISATIONS, Permission.MANAGE_INFORMATION_GOVERNANCE);

  /** Job role (at a member organisation, or {@code @OPENUCP} at the operator) to its row. */
  static final Map<String, String> TABLE = table("""
      R8000          Y Y Y Y Y Y Y Y Y . . .
      R8003          Y Y Y Y Y Y Y Y Y . . .
      R0260          Y Y Y Y Y Y Y Y Y . . .
      R0270          Y Y Y Y Y Y Y Y Y . . .
      R8001          Y Y Y Y Y . Y Y Y . . .
      R8002          Y Y Y Y Y . Y Y Y . . .
      R0700          Y Y Y Y Y . Y Y Y . . .
      R0600          Y Y Y Y Y . Y Y Y . . .
      R8008          Y Y . Y . . . . Y . . .
      R1330          Y Y Y Y . . Y . . . . .
      R1690          Y . . . . . . . . . . .
      R1070          Y . . . . . . . . . . .
      R1290          Y . . . . . . . . . . .
      R8009          . . . . . . . . . . . .
      R8010          . . . . . . . . . . . .
      R8005          . . . . . . . . . . . .
      R8005@OPENUCP  . . . . . . . . . Y Y .
      R8006          . . . . . . . . . . . .
      R8006@OPENUCP  . . . . . . . . . Y . Y
      """);

  private ExpectedAccess() {
  }

  static Set<Permission> allowed(String role) {
    String[] cells = TABLE.get(role).split(" ");
    Set<Permission> allowed = EnumSet.noneOf(Permission.class);
    for (int i = 0; i < COLUMNS.size(); i++) {
      if (cells[i].equals("Y")) {
        allowed.add(COLUMNS.get(i));
      }
    }
    return allowed;
  }

  private static Map<String, String> table(String text) {
    Map<String, String> rows = new LinkedHashMap<>();
    text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
      String[] parts = line.split("\\s+");
      rows.put(parts[0], String.join(" ", Arrays.copyOfRange(parts, 1, parts.length)));
    });
    return rows;
  }
}
