package org.openucp.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The expand-and-contract rules for Flyway migrations (docs/migrations.md), checked by reading the scripts. While a
 * release rolls out, the previous release's pods run against the new schema: a migration may add what the new release
 * needs, but must not take away, rename or retype what the previous one still uses, nor lock a table in use while it
 * builds an index. A statement that breaks a rule on purpose says why in a comment just before it:
 * {@code -- expand-contract-exception: <why this is safe>}.
 */
public final class MigrationRules {

  /** The comment that lets one statement through; what follows it must say why. */
  public static final String EXCEPTION_MARKER = "expand-contract-exception:";

  private static final int SHORTEST_REASON = 15;
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
  private static final Pattern CREATE_TABLE =
      Pattern.compile("^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?([^\\s(]+)");
  private static final Pattern CREATE_INDEX =
      Pattern.compile("^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:.*? )?ON (?:ONLY )?([^\\s(]+)");
  private static final Pattern CONCURRENT_INDEX = Pattern.compile("^(?:CREATE|DROP) (?:UNIQUE )?INDEX CONCURRENTLY ");
  private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(\\S+) (.*)$");
  private static final Pattern DROPPED_COLUMN = Pattern.compile("^DROP (?!CONSTRAINT )(?:COLUMN )?");
  private static final Pattern RETYPED_COLUMN = Pattern.compile("^ALTER (?:COLUMN )?\\S+ (?:SET DATA )?TYPE ");
  private static final Pattern NOT_NULL_SET = Pattern.compile("^ALTER (?:COLUMN )?\\S+ SET NOT NULL");
  private static final Pattern ADDED_COLUMN =
      Pattern.compile("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(?!CONSTRAINT |PRIMARY |UNIQUE |CHECK |FOREIGN |EXCLUDE )");
  private static final Pattern RENAME = Pattern.compile("\\bRENAME\\b");
  private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE ");

  private MigrationRules() {
  }

  /** A broken rule: where, which, and the statement. */
  public record Violation(String script, int line, String rule, String statement) {

    @Override
    public String toString() {
      return script + ":" + line + " " + rule + "\n    " + statement;
    }
  }

  /** A migration script's name (as Flyway sees it) and text. */
  public record Script(String name, String text) {
  }

  /** Checks every script in the directory but the grandfathered ones, in the order Flyway applies them. */
  public static List<Violation> check(Path directory, Set<String> grandfathered) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Script> scripts = new ArrayList<>();
      for (Path file : files.filter(path -> path.toString().endsWith(".sql")).toList()) {
        scripts.add(new Script(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
      }
      return check(scripts, grandfathered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks the scripts but the grandfathered ones; the tables every script creates are known to the later ones. */
  public static List<Violation> check(List<Script> scripts, Set<String> grandfathered) {
    List<Violation> violations = new ArrayList<>();
    Set<String> created = new HashSet<>();
    for (Script script : inFlywayOrder(scripts)) {
      List<Statement> statements = Statement.split(script.text());
      if (!grandfathered.contains(script.name())) {
        violations.addAll(check(script.name(), statements, created));
      }
      statements.forEach(statement -> createdTable(statement).ifPresent(created::add));
    }
    return violations;
  }

  /** The version of a versioned migration's file name, e.g. 20 for {@code V20__childrens_consent.sql}; else -1. */
  public static double version(String scriptName) {
    Matcher versioned = VERSIONED.matcher(scriptName);
    if (!versioned.matches()) {
      return -1;
    }
    String[] parts = versioned.group(1).split("[._]", 2);
    return Double.parseDouble(parts[0] + (parts.length > 1 ? "." + parts[1].replaceAll("[._]", "") : ""));
  }

  private static List<Script> inFlywayOrder(List<Script> scripts) {
    return scripts.stream()
        .sorted(Comparator.comparing((Script script) -> version(script.name()) < 0)
            .thenComparingDouble(script -> version(script.name()))
            .thenComparing(Script::name))
        .toList();
  }

  private static List<Violation> check(String script, List<Statement> statements, Set<String> earlier) {
    List<Violation> violations = new ArrayList<>();
    Set<String> createdHere = new HashSet<>();
    boolean concurrent = statements.stream().anyMatch(statement -> CONCURRENT_INDEX.matcher(statement.code()).find());
    for (Statement statement : statements) {
      List<String> broken = brokenRules(statement, createdHere);
      if (concurrent && !CONCURRENT_INDEX.matcher(statement.code()).find()) {
        broken.add("CREATE INDEX CONCURRENTLY runs outside a transaction, so its migration must hold nothing else"
            + " (Flyway refuses to mix)");
      }
      createdTable(statement).ifPresent(createdHere::add);
      if (broken.isEmpty()) {
        continue;
      }
      String reason = statement.exceptionReason();
      if (reason == null) {
        broken.stream().distinct()
            .forEach(rule -> violations.add(new Violation(script, statement.line(), rule, statement.text())));
      } else if (reason.length() < SHORTEST_REASON) {
        violations.add(new Violation(script, statement.line(),
            "an " + EXCEPTION_MARKER + " comment must say why the statement is safe", statement.text()));
      }
    }
    return violations;
  }

  private static List<String> brokenRules(Statement statement, Set<String> createdHere) {
    List<String> broken = new ArrayList<>();
    String code = statement.code();
    Matcher index = CREATE_INDEX.matcher(code);
    if (index.find() && index.group(1) == null && !createdHere.contains(table(index.group(2)))) {
      broken.add("CREATE INDEX on a table an earlier migration created blocks writes to it while it builds:"
          + " use CREATE INDEX CONCURRENTLY, alone in its migration");
    }
    if (DROP_TABLE.matcher(code).find()) {
      broken.add("DROP TABLE: the previous release may still use it; drop it a release after the last one that does");
    }
    if (RENAME.matcher(code).find()) {
      broken.add("RENAME: the previous release still uses the old name; add the new one, copy, and drop the old"
          + " a release later");
    }
    Matcher altered = ALTER_TABLE.matcher(code);
    if (altered.find()) {
      boolean newTable = createdHere.contains(table(altered.group(1)));
      for (String clause : clauses(altered.group(2))) {
        if (DROPPED_COLUMN.matcher(clause).find()) {
          broken.add("DROP COLUMN: the previous release may still read or write it; stop using it first and drop it"
              + " a release later");
        }
        if (RETYPED_COLUMN.matcher(clause).find()) {
          broken.add("ALTER COLUMN ... TYPE rewrites the table under an exclusive lock and can break the previous"
              + " release: add a column of the new type instead");
        }
        if (!newTable && NOT_NULL_SET.matcher(clause).find()) {
          broken.add("SET NOT NULL: the previous release may write rows without it, and the check reads the whole"
              + " table under an exclusive lock: add CHECK (... IS NOT NULL) NOT VALID, and validate it later");
        }
        if (!newTable && ADDED_COLUMN.matcher(clause).find() && clause.contains("NOT NULL")
            && !clause.contains("DEFAULT ") && !clause.contains("GENERATED ")) {
          broken.add("ADD COLUMN ... NOT NULL without a DEFAULT: the previous release's inserts do not set it");
        }
      }
    }
    return broken;
  }

  private static Optional<String> createdTable(Statement statement) {
    Matcher created = CREATE_TABLE.matcher(statement.code());
    return created.find() ? Optional.of(table(created.group(1))) : Optional.empty();
  }

  /** A table's name without schema or quotes, in lower case. */
  private static String table(String name) {
    String bare = name.replace("\"", "");
    return bare.substring(bare.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** The comma-separated actions of an ALTER TABLE, ignoring commas inside parentheses. */
  private static List<String> clauses(String actions) {
    List<String> clauses = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < actions.length(); i++) {
      char c = actions.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        clauses.add(actions.substring(start, i).strip());
        start = i + 1;
      }
    }
    clauses.add(actions.substring(start).strip());
    return clauses;
  }

  /**
   * One SQL statement: where it starts, its text, its code (upper case, single spaces, without comments, with every
   * string literal and dollar-quoted body emptied, so that words in them are not mistaken for SQL) and the comments
   * before and inside it.
   */
  record Statement(int line, String text, String code, String comments) {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

    /** What follows the exception marker in the statement's comments, or null without one. */
    String exceptionReason() {
      int marker = comments.indexOf(EXCEPTION_MARKER);
      if (marker < 0) {
        return null;
      }
      String rest = comments.substring(marker + EXCEPTION_MARKER.length());
      int end = rest.indexOf('\n');
      return (end < 0 ? rest : rest.substring(0, end)).strip();
    }

    static List<Statement> split(String sql) {
      List<Statement> statements = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      StringBuilder code = new StringBuilder();
      StringBuilder comments = new StringBuilder();
      int line = 1;
      int startLine = -1;
      int i = 0;
      while (i < sql.length()) {
        char c = sql.charAt(i);
        int end;
        if (c == '-' && sql.startsWith("--", i)) {
          end = sql.indexOf('\n', i);
          end = end < 0 ? sql.length() : end;
          comments.append(sql, i + 2, end).append('\n');
        } else if (c == '/' && sql.startsWith("/*", i)) {
          end = endOfBlockComment(sql, i);
          comments.append(sql, i + 2, Math.max(i + 2, end - 2)).append('\n');
        } else if (c == '\'') {
          end = endOfQuoted(sql, i, c);
          code.append("''");
        } else if (c == '"') {
          end = endOfQuoted(sql, i, c);
          code.append(sql, i, end);
        } else if (c == '$' && dollarTag(sql, i) != null) {
          String tag = dollarTag(sql, i);
          int close = sql.indexOf(tag, i + tag.length());
          end = close < 0 ? sql.length() : close + tag.length();
          code.append("$$");
        } else if (c == ';') {
          end = i + 1;
          if (startLine > 0) {
            statements.add(statement(startLine, text, code, comments));
          }
          text.setLength(0);
          code.setLength(0);
          comments.setLength(0);
          startLine = -1;
        } else {
          end = i + 1;
          code.append(Character.isWhitespace(c) ? ' ' : c);
        }
        if (startLine < 0 && c != ';' && !Character.isWhitespace(c) && !sql.startsWith("--", i)
            && !sql.startsWith("/*", i)) {
          startLine = line;
        }
        if (startLine > 0) {
          text.append(sql, i, end);
        }
        for (int j = i; j < end; j++) {
          line += sql.charAt(j) == '\n' ? 1 : 0;
        }
        i = end;
      }
      if (startLine > 0 && !code.toString().isBlank()) {
        statements.add(statement(startLine, text, code, comments));
      }
      return statements;
    }

    private static Statement statement(int line, StringBuilder text, StringBuilder code, StringBuilder comments) {
      String normalised = code.toString().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
      return new Statement(line, text.toString().strip().replaceAll("\\s+", " "), normalised, comments.toString());
    }

    private static String dollarTag(String sql, int at) {
      if (at > 0 && (Character.isLetterOrDigit(sql.charAt(at - 1)) || sql.charAt(at - 1) == '_')) {
        return null;
      }
      Matcher tag = DOLLAR_TAG.matcher(sql).region(at, sql.length());
      return tag.lookingAt() ? tag.group() : null;
    }

    private static int endOfBlockComment(String sql, int at) {
      int depth = 0;
      int i = at;
      while (i < sql.length()) {
        if (sql.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith("*/", i)) {
          depth--;
          i += 2;
          if (depth == 0) {
            return i;
          }
        } else {
          i++;
        }
      }
      return sql.length();
    }

    private static int endOfQuoted(String sql, int at, char quote) {
      // E'...' strings take backslash escapes, so \' does not end them.
      boolean escapes = quote == '\'' && at > 0 && Character.toUpperCase(sql.charAt(at - 1)) == 'E'
          && (at < 2 || !Character.isLetterOrDigit(sql.charAt(at - 2)) && sql.charAt(at - 2) != '_');
      int i = at + 1;
      while (i < sql.length()) {
        if (escapes && sql.charAt(i) == '\\') {
          i += 2;
          continue;
        }
        if (sql.charAt(i) == quote) {
          if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return sql.length();
    }
  }
}
