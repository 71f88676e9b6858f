package org.openucp.clinical.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * One line of an organisation's roster upload: a member of staff it has authorised, with the training they completed
 * for the service (the course and the day). Only the CIS2 user id and the name are required.
 */
public record RosterMember(
    @NotBlank @Size(max = 100) String userId,
    @NotBlank @Size(max = 200) String name,
    @Email @Size(max = 254) String email,
    @Pattern(regexp = "^R\\d{4}$", message = "must be a CIS2 job role code such as R8000") String jobRole,
    @Size(max = 200) String jobTitle,
    @Size(max = 200) String course,
    LocalDate trainingCompletedOn) {
}
