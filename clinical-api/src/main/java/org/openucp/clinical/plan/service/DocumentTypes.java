package org.openucp.clinical.plan.service;

import java.util.Arrays;
import java.util.Map;

/**
 * The kinds of document a plan accepts, each known by its first bytes: an upload is taken only when its content is
 * what its declared type says, so that nothing else is served back under a PDF's or an image's name.
 */
final class DocumentTypes {

  private static final Map<String, Kind> KINDS = Map.of(
      "application/pdf", new Kind("PDF", new byte[] {'%', 'P', 'D', 'F', '-'}),
      "image/jpeg", new Kind("JPEG image", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
      "image/png", new Kind("PNG image", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}));

  private record Kind(String name, byte[] signature) {
  }

  private DocumentTypes() {
  }

  static boolean accepts(String mediaType) {
    return mediaType != null && KINDS.containsKey(mediaType);
  }

  /** Whether the content starts as a document of this (accepted) media type must. */
  static boolean matches(String mediaType, byte[] content) {
    byte[] signature = KINDS.get(mediaType).signature();
    return content.length >= signature.length
        && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
  }

  /** "PDF", "JPEG image", "PNG image". */
  static String name(String mediaType) {
    return KINDS.get(mediaType).name();
  }
}
