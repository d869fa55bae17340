package dev.inspectorate.frameworks;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The strands of work a question contributes to: Risk of Harm, Likelihood of Reoffending, Compliance and Enforcement. */
public enum ThreadTag {
    @JsonProperty("RoH") ROH,
    @JsonProperty("LoR") LOR,
    @JsonProperty("C&E") COMPLIANCE_AND_ENFORCEMENT
}
