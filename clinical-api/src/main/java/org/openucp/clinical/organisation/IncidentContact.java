package org.openucp.clinical.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Whom to contact at an organisation about a data security incident or breach that concerns it (typically its
 * information governance lead or Data Protection Officer).
 */
public record IncidentContact(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Email @Size(max = 254) String email,
    @NotBlank @Pattern(regexp = "^\\+?[0-9 ()-]{6,30}$",
        message = "must be a telephone number such as 01632 960001 or +44 1632 960001") String telephone) {
}
