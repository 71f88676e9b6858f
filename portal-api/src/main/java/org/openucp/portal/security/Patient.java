package org.openucp.portal.security;

import org.openucp.model.identity.NhsNumber;

/** A person signed in with NHS login, identified by the NHS number in their token. */
public record Patient(String subject, NhsNumber nhsNumber, String identityProofingLevel) {
}
