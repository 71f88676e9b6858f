package org.openucp.model.care;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A person the patient relies on, to be contacted in a crisis. */
public record KeySupporter(
    @NotBlank @Size(max = 200) String name,
    @Size(max = 100) String relationship,
    @NotBlank @Pattern(regexp = "^\\+?[0-9 ()-]{6,20}$", message = "must be a telephone number") String phone) {
}
