package dev.inspectorate.caseassessment.api;

import dev.inspectorate.frameworks.Framework;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Opens an inspection of one probation area under one framework.")
public record OpenInspection(
        @Schema(description = "Client-chosen slug", example = "omi2-thames-valley-2010")
        @NotNull @Pattern(regexp = "[a-z0-9-]{3,64}", message = "must be 3 to 64 lower-case letters, digits or hyphens")
        String id,
        @Schema(example = "Thames Valley") @NotBlank @Size(max = 100) String area,
        @Schema(example = "omi2") @NotNull Framework framework,
        @Schema(example = "Offender Management Inspection 2: Thames Valley") @NotBlank @Size(max = 200) String title,
        @Schema(example = "2010-04-12") @NotNull LocalDate fieldworkStart,
        @Schema(example = "2010-04-23") @NotNull LocalDate fieldworkEnd) {}
