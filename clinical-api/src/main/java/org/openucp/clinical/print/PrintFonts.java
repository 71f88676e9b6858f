package org.openucp.clinical.print;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.text.Bidi;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The printed plan's fonts and how a line of text becomes what is drawn. One font cannot hold every script (a
 * TrueType font has at most 65,535 glyphs), so each script has its Noto font and each character is drawn in the font
 * of its script; spaces, digits and punctuation stay in the font around them. Arabic is joined into its contextual
 * forms (ICU) and right-to-left text is laid out in visual order (the JDK's bidirectional algorithm); PDFBox applies
 * the Devanagari, Bengali and Gujarati substitutions itself. Fonts are embedded as subsets, and only the fonts a
 * document uses are read.
 */
final class PrintFonts {

  /** The Noto font for the scripts the base font (Noto Sans: Latin, Greek, Cyrillic) does not cover well. */
  private static final Map<UnicodeScript, String> FACES = new EnumMap<>(Map.ofEntries(
      Map.entry(UnicodeScript.ARABIC, "NotoSansArabic"),
      Map.entry(UnicodeScript.HEBREW, "NotoSansHebrew"),
      Map.entry(UnicodeScript.DEVANAGARI, "NotoSansDevanagari"),
      Map.entry(UnicodeScript.BENGALI, "NotoSansBengali"),
      Map.entry(UnicodeScript.GURMUKHI, "NotoSansGurmukhi"),
      Map.entry(UnicodeScript.GUJARATI, "NotoSansGujarati"),
      Map.entry(UnicodeScript.TAMIL, "NotoSansTamil"),
      Map.entry(UnicodeScript.THAI, "NotoSansThai"),
      Map.entry(UnicodeScript.ETHIOPIC, "NotoSansEthiopic"),
      Map.entry(UnicodeScript.HAN, "NotoSansSC"),
      Map.entry(UnicodeScript.HIRAGANA, "NotoSansSC"),
      Map.entry(UnicodeScript.KATAKANA, "NotoSansSC"),
      Map.entry(UnicodeScript.BOPOMOFO, "NotoSansSC")));
  private static final String BASE = "NotoSans";
  /** Drawn for a character no font has, so that a gap in a name is seen rather than closed up. */
  private static final int MISSING = '?';

  /** The font files, read once from the class path and parsed for each document. */
  private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

  /** A piece of a line drawn in one font, in visual order. */
  record Run(PDType0Font font, String text) {
  }

  private final PDDocument document;
  private final boolean bold;
  private final Map<String, Face> loaded = new HashMap<>();

  private record Face(PDType0Font font, CmapLookup cmap) {
    boolean covers(int codePoint) {
      return cmap.getGlyphId(codePoint) != 0;
    }
  }

  PrintFonts(PDDocument document, boolean bold) {
    this.document = document;
    this.bold = bold;
  }

  /** The line as drawn, left to right: in runs of one font each. */
  List<Run> runs(String line) {
    String shaped = shapeArabic(line);
    List<Run> runs = new ArrayList<>();
    for (String piece : visualOrder(shaped)) {
      Face current = null;
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < piece.length(); ) {
        int codePoint = piece.codePointAt(i);
        i += Character.charCount(codePoint);
        Face face = faceFor(codePoint, current);
        int drawn = face == null ? MISSING : codePoint;
        if (face == null) {
          face = face(BASE);
        }
        if (face != current && !text.isEmpty()) {
          runs.add(new Run(current.font(), text.toString()));
          text.setLength(0);
        }
        current = face;
        text.appendCodePoint(drawn);
      }
      if (!text.isEmpty()) {
        runs.add(new Run(current.font(), text.toString()));
      }
    }
    return runs;
  }

  /** The width of the line in points at {@code size}. */
  float width(String line, float size) {
    float width = 0;
    try {
      for (Run run : runs(line)) {
        width += run.font().getStringWidth(run.text()) / 1000 * size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("A font could not measure text", e);
    }
    return width;
  }

  private Face faceFor(int codePoint, Face current) {
    UnicodeScript script = UnicodeScript.of(codePoint);
    if (script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED) {
      if (current != null && current.covers(codePoint)) {
        return current;
      }
    } else if (FACES.containsKey(script)) {
      Face face = face(FACES.get(script));
      if (face.covers(codePoint)) {
        return face;
      }
    }
    Face base = face(BASE);
    if (base.covers(codePoint)) {
      return base;
    }
    for (String name : FACES.values()) {
      Face face = face(name);
      if (face.covers(codePoint)) {
        return face;
      }
    }
    return null;
  }

  private Face face(String name) {
    return loaded.computeIfAbsent(name, this::load);
  }

  private Face load(String name) {
    String file = name + (bold ? "-Bold" : "-Regular") + ".ttf";
    byte[] bytes = FILES.computeIfAbsent(file, PrintFonts::read);
    try {
      TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
      // Closed with the document, which embeds the subset of it that was used.
      return new Face(PDType0Font.load(document, font, true), font.getUnicodeCmapLookup());
    } catch (IOException e) {
      throw new UncheckedIOException("The font " + file + " could not be read", e);
    }
  }

  private static byte[] read(String file) {
    try (InputStream in = PrintFonts.class.getResourceAsStream("fonts/" + file)) {
      if (in == null) {
        throw new IllegalStateException("The font " + file + " is not on the class path: the build fetches it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("The font " + file + " could not be read", e);
    }
  }

  private static String shapeArabic(String text) {
    if (text.codePoints().noneMatch(c -> UnicodeScript.of(c) == UnicodeScript.ARABIC)) {
      return text;
    }
    try {
      return new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
          | ArabicShaping.LENGTH_GROW_SHRINK).shape(text);
    } catch (ArabicShapingException e) {
      return text;
    }
  }

  /** The line's directional runs in the order they are drawn, right-to-left ones reversed. */
  private static List<String> visualOrder(String text) {
    Bidi bidi = new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
    if (bidi.isLeftToRight()) {
      return List.of(text);
    }
    int count = bidi.getRunCount();
    byte[] levels = new byte[count];
    Integer[] runs = new Integer[count];
    for (int i = 0; i < count; i++) {
      levels[i] = (byte) bidi.getRunLevel(i);
      runs[i] = i;
    }
    Bidi.reorderVisually(levels, 0, runs, 0, count);
    List<String> pieces = new ArrayList<>(count);
    for (Integer run : runs) {
      String piece = text.substring(bidi.getRunStart(run), bidi.getRunLimit(run));
      pieces.add((bidi.getRunLevel(run) & 1) == 1 ? reversed(piece) : piece);
    }
    return pieces;
  }

  /** Reversed character cluster by cluster, so that combining marks stay on their letters; brackets mirrored. */
  private static String reversed(String text) {
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(text);
    List<String> parts = new ArrayList<>();
    for (int start = clusters.first(), end = clusters.next(); end != BreakIterator.DONE;
        start = end, end = clusters.next()) {
      parts.add(mirrored(text.substring(start, end)));
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = parts.size() - 1; i >= 0; i--) {
      out.append(parts.get(i));
    }
    return out.toString();
  }

  private static String mirrored(String cluster) {
    return switch (cluster) {
      case "(" -> ")";
      case ")" -> "(";
      case "[" -> "]";
      case "]" -> "[";
      case "<" -> ">";
      case ">" -> "<";
      case "{" -> "}";
      case "}" -> "{";
      default -> cluster;
    };
  }
}
