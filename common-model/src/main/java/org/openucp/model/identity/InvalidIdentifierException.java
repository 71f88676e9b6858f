package org.openucp.model.identity;

/** An identifier given by a caller is not well formed; the message says why, in words a caller can act on. */
public class InvalidIdentifierException extends IllegalArgumentException {

  public InvalidIdentifierException(String message) {
    super(message);
  }
}
