package org.openucp.clinical.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** One line of an organisation's roster upload: a trained, authorised member of staff. */
public record RosterMember(
    @NotBlank @Size(max = 100) String userId,
    @NotBlank @Size(max = 200) String name,
    @Pattern(regexp = "^R\\d{4}$", message = "must be a CIS2 job role code such as R8000") String jobRole,
    LocalDate trainingCompletedOn) {
}
