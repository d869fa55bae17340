package dev.inspectorate.frameworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.inspectorate.frameworks.CaseCharacteristics.CaseType;
import dev.inspectorate.frameworks.CaseCharacteristics.Ethnicity;
import dev.inspectorate.frameworks.CaseCharacteristics.Gender;
import dev.inspectorate.frameworks.CaseCharacteristics.RoshLevel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CataloguesTest {

    @ParameterizedTest
    @EnumSource(Framework.class)
    void everyCatalogueConformsToTheSchemaAndPassesTheCheck(Framework f) throws Exception {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/frameworks/catalogue.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode yaml;
        try (InputStream in = getClass().getResourceAsStream("/frameworks/" + f.id() + ".yaml")) {
            yaml = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<ValidationMessage> errors = schema.validate(yaml);
        assertEquals(Set.of(), errors);
        Catalogue c = Catalogues.of(f);
        assertEquals(f, c.framework());
        assertEquals(List.of(), CatalogueCheck.problems(c));
    }

    @Test
    void theCriteriaAreThoseOfTheMethodology() {
        assertEquals(List.of("A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4", "C5",
                "D1", "D2", "D3", "D4"), ids(Catalogues.of(Framework.ESI)));
        assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
                "3.1", "3.2", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6"), ids(Catalogues.of(Framework.OMI1)));
        assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3",
                "4.1", "4.2", "4.3", "4.4", "4.5"), ids(Catalogues.of(Framework.OMI2)));
        Catalogue esi = Catalogues.of(Framework.ESI);
        assertEquals(2.0, esi.weightOf(esi.criterion("B1").orElseThrow()));
        assertEquals(1.0, esi.weightOf(esi.criterion("B4").orElseThrow()));
        assertTrue(!esi.criterion("D3").orElseThrow().caseScored(), "D3 is graded, not scored");
    }

    @Test
    void bandDefaultsFollowTheDomainRules() {
        Catalogue omi2 = Catalogues.of(Framework.OMI2);
        // Bands are taken on the figure as displayed (whole percentages, rounded half-up), so an unrounded 79.999,
        // shown 80, is MINIMUM (ScoringEngineTest): this once locked in MODERATE for it, a band contradicting
        // the printed figure.
        assertEquals("MINIMUM improvement required", omi2.band("improvement", 100).orElseThrow());
        assertEquals("MINIMUM improvement required", omi2.band("improvement", 80).orElseThrow());
        assertEquals("MODERATE improvement required", omi2.band("improvement", 79).orElseThrow());
        assertEquals("MODERATE improvement required", omi2.band("improvement", 65).orElseThrow());
        assertEquals("SUBSTANTIAL improvement required", omi2.band("improvement", 64).orElseThrow());
        assertEquals("SUBSTANTIAL improvement required", omi2.band("improvement", 40).orElseThrow());
        assertEquals("DRASTIC improvement required", omi2.band("improvement", 39).orElseThrow());
        assertEquals("DRASTIC improvement required", omi2.band("improvement", 0).orElseThrow());
        Catalogue omi1 = Catalogues.of(Framework.OMI1);
        assertEquals("good", omi1.band("conclusion", 70).orElseThrow());
        assertEquals("a priority for improvement", omi1.band("conclusion", 69).orElseThrow());
        assertEquals("a priority for improvement", omi1.band("conclusion", 60).orElseThrow());
        assertEquals("an urgent priority for improvement", omi1.band("conclusion", 59).orElseThrow());
    }

    @Test
    void applicabilityFollowsCaseCharacteristics() {
        Applicability psrOnly = new Applicability(Set.of(CaseType.COMMUNITY_ORDER), null, null, null, null, null,
                null, null, null, null, true);
        CaseCharacteristics order = new CaseCharacteristics(CaseType.COMMUNITY_ORDER, RoshLevel.LOW, false, 0,
                Gender.MALE, Ethnicity.WHITE, 1, false, false, false, true);
        CaseCharacteristics licence = new CaseCharacteristics(CaseType.LICENCE, RoshLevel.LOW, false, 0,
                Gender.MALE, Ethnicity.WHITE, 1, false, false, false, true);
        CaseCharacteristics noPsr = new CaseCharacteristics(CaseType.COMMUNITY_ORDER, RoshLevel.LOW, false, 0,
                Gender.MALE, Ethnicity.WHITE, 1, false, false, false, false);
        assertTrue(psrOnly.matches(order));
        assertTrue(!psrOnly.matches(licence));
        assertTrue(!psrOnly.matches(noPsr));
        assertTrue(Applicability.ANY_CASE.matches(licence));
    }

    @Test
    void aLoadedCatalogueCannotBeChanged() {
        Catalogue omi1 = Catalogues.of(Framework.OMI1);
        assertThrows(UnsupportedOperationException.class, () -> omi1.gradeScales().get("section4").add("Poor"));
        assertThrows(UnsupportedOperationException.class, () -> omi1.bands().get("conclusion").remove(0));
        assertThrows(UnsupportedOperationException.class, () -> omi1.bands().put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> Catalogues.of(Framework.ESI).weights().put("critical", 9.0));
        Applicability mappa = omi1.question("2.2.07").orElseThrow().appliesTo();
        assertEquals(Set.of(1, 2, 3), mappa.mappaLevel());
        assertThrows(UnsupportedOperationException.class, () -> mappa.mappaLevel().add(0));
        Applicability highRosh = omi1.question("1.2.16").orElseThrow().appliesTo();
        assertThrows(UnsupportedOperationException.class, () -> highRosh.roshLevel().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> omi1.question("1.1.01").orElseThrow().appliesTo().caseType().add(CaseType.LICENCE));
        assertThrows(UnsupportedOperationException.class,
                () -> omi1.question("1.1.04").orElseThrow().threads().remove(ThreadTag.ROH));
        // The copies are sorted (Jackson builds HashSets), so the served catalogue reads the same on every run.
        assertEquals(List.of(RoshLevel.HIGH, RoshLevel.VERY_HIGH), List.copyOf(highRosh.roshLevel()));
        assertEquals(List.of(ThreadTag.ROH, ThreadTag.LOR), List.copyOf(omi1.question("1.1.04").orElseThrow().threads()));
        // An immutable Set.copyOf would throw on contains(null); a case lacking its RoSH level simply does not match.
        CaseCharacteristics noRosh = new CaseCharacteristics(CaseType.LICENCE, null, false, 0, Gender.MALE,
                Ethnicity.WHITE, null, false, false, false, false);
        assertTrue(!highRosh.matches(noRosh));
    }

    @Test
    void theCheckFindsWhatIsWrong() throws Exception {
        String broken = """
                framework: omi1
                version: 1
                title: broken
                scoring: {criterion: summary-weighted, section: mean}
                gradeScales: {}
                sections:
                  - id: "1"
                    title: one
                    criteria:
                      - id: "1.1"
                        title: a
                        statement: a
                        assessment: case
                        questions:
                          - {id: "1.1.01", text: "x", finding: "f", findings: ["f"]}
                          - {id: "1.1.01", text: "y", finding: "f", findings: ["f"]}
                      - id: "1.2"
                        title: b
                        statement: b
                        assessment: case
                      - id: "1.3"
                        title: c
                        statement: c
                        assessment: graded
                        gradeScale: missing
                      - id: "1.4"
                        title: d
                        statement: d
                        assessment: case
                        questions:
                          - {id: "1.4.01", text: "x", finding: "f", findings: [], appliesTo: {mappaLevel: [4, 2], tier: [1, 0]}}
                          - {id: "1.4.02", text: "overall?", finding: "f", summary: true, findings: []}
                          - {id: "1.4.03", text: "overall again?", finding: "f", summary: true, findings: []}
                """;
        assertEquals(List.of(
                "criterion 1.1 must have exactly one summary question, has 0",
                "question id 1.1.01 is not unique",
                "case-scored criterion 1.2 has no questions",
                "criterion 1.2 must have exactly one summary question, has 0",
                "criterion 1.2 needs individual questions beside its summary question",
                "graded criterion 1.3 needs a known gradeScale",
                "criterion 1.4 must have exactly one summary question, has 2",
                "question 1.4.01 cites no finding it was derived from",
                "question 1.4.01 applies to mappaLevel [2, 4]; levels are 0 (none) to 3",
                "question 1.4.01 applies to tier [0, 1]; tiers are 1 to 4",
                "summary-weighted scoring needs a summaryWeight between 0 and 1"), CatalogueCheck.problems(read(broken)));
    }

    @Test
    void everyQuestionStatesItsFindingWithoutClosingTheSentence() throws Exception {
        String omi2 = """
                framework: omi2
                version: 1
                title: findings
                scoring: {criterion: mean, section: mean}
                gradeScales: {}
                sections:
                  - id: "1"
                    title: one
                    criteria:
                      - id: "1.2"
                        title: a
                        statement: a
                        assessment: case
                        questions:
                          - {id: "1.2.01", text: "Was a RoSH screening completed?", findings: ["f"]}
                          - {id: "1.2.02", text: "Was it on time?", finding: "  ", findings: ["f"]}
                          - {id: "1.2.03", text: "Was it accurate?", finding: "was the RoSH screening accurate?", findings: ["f"]}
                          - {id: "1.2.04", text: "Was it shared?", finding: "the RoSH screening was shared. ", findings: ["f"]}
                          - {id: "1.2.05", text: "Was it read?", finding: "the RoSH screening was read", findings: ["f"]}
                """;
        assertEquals(List.of(
                "question 1.2.01 has no finding (the practice stated as a report states it)",
                "question 1.2.02 has no finding (the practice stated as a report states it)",
                "question 1.2.03 has a finding ending in '?'; it states the practice and leaves the sentence open for its proportion",
                "question 1.2.04 has a finding ending in '.'; it states the practice and leaves the sentence open for its proportion"),
                CatalogueCheck.problems(read(omi2)));
        assertEquals("a RoSH screening was completed on time",
                Catalogues.of(Framework.OMI2).question("1.2.02").orElseThrow().finding());
    }

    @Test
    void theCheckFindsMissingWeights() throws Exception {
        String esi = """
                framework: esi
                version: 1
                title: broken
                scoring: {criterion: mean, section: weighted, overall: {A: 0.3, B: 0.7}}
                weights: {critical: 2}
                gradeScales: {management: ["Met", "Not met"]}
                sections:
                  - id: A
                    title: a
                    criteria:
                      - {id: A1, title: a, statement: a, assessment: graded, gradeScale: management}
                  - id: B
                    title: b
                    criteria:
                      - id: B1
                        title: b
                        statement: b
                        assessment: case
                        weight: important
                        questions: [{id: B1.01, text: "x", finding: "f", findings: ["f"]}]
                  - id: C
                    title: c
                    criteria:
                      - id: C1
                        title: c
                        statement: c
                        assessment: case
                        weight: critical
                        questions: [{id: C1.01, text: "x", finding: "f", findings: ["f"]}]
                """;
        assertEquals(List.of(
                "criterion B1 in weighted section B needs a known weight",
                "overall weight names section A, which is not scored from cases",
                "overall weights leave out case-scored section C"), CatalogueCheck.problems(read(esi)));
        String noOverall = esi.replace(", overall: {A: 0.3, B: 0.7}", "").replace("weight: important", "weight: critical");
        assertEquals(List.of("esi needs overall section weights"), CatalogueCheck.problems(read(noOverall)));
    }

    /** A sound OMI2-like catalogue, then each rule broken alone and refused with its message. */
    @Test
    void theCheckFindsBandsThreadsAndOverallWeightsAmiss() throws Exception {
        String sound = """
                framework: omi2
                version: 1
                title: sound
                scoring:
                  criterion: mean
                  section: mean
                  threads: [{id: roh, name: RoH, tag: RoH, sections: ["1"], bands: improvement}]
                bands:
                  improvement: [{min: 80, label: top}, {min: 40, label: middle}, {min: 0, label: bottom}]
                sections:
                  - id: "1"
                    title: one
                    criteria:
                      - id: "1.1"
                        title: a
                        statement: a
                        assessment: case
                        bands: improvement
                        questions: [{id: "1.1.01", text: "x", finding: "x was done", findings: ["f"], threads: [RoH]}]
                """;
        assertEquals(List.of(), CatalogueCheck.problems(read(sound)));
        assertEquals(List.of("band rule improvement must list its bands by strictly descending min, the last at 0"),
                CatalogueCheck.problems(read(sound.replace("{min: 80, label: top}, {min: 40, label: middle}",
                        "{min: 40, label: middle}, {min: 80, label: top}"))));
        assertEquals(List.of("band rule improvement must list its bands by strictly descending min, the last at 0"),
                CatalogueCheck.problems(read(sound.replace("{min: 0, label: bottom}", "{min: 10, label: bottom}"))));
        assertEquals(List.of("band rule improvement must list its bands by strictly descending min, the last at 0"),
                CatalogueCheck.problems(read(sound.replace("{min: 40, label: middle}", "{min: 80, label: middle}"))));
        assertEquals(List.of("case-scored criterion 1.1 has no band rule, though omi2 bands its criteria"),
                CatalogueCheck.problems(read(sound.replace("        bands: improvement\n", ""))));
        assertEquals(List.of("thread roh names unknown section 9", "thread roh has no question tagged ROH in sections [9]"),
                CatalogueCheck.problems(read(sound.replace("sections: [\"1\"]", "sections: [\"9\"]"))));
        String weighted = sound.replace("section: mean", "section: mean\n  overall: {\"1\": 0.9}");
        assertEquals(List.of("overall section weights must sum to 1, not 0.9"), CatalogueCheck.problems(read(weighted)));
        assertEquals(List.of(), CatalogueCheck.problems(read(weighted.replace("0.9", "1.0"))));
    }

    @Test
    void theCheckKeepsSummaryQuestionsInTheThreadsOfTheirCriterion() throws Exception {
        String omi1 = """
                framework: omi1
                version: 1
                title: summaries
                scoring: {criterion: summary-weighted, summaryWeight: 0.2, section: mean}
                sections:
                  - id: "1"
                    title: one
                    criteria:
                      - id: "1.1"
                        title: a
                        statement: a
                        assessment: case
                        questions:
                          - {id: "1.1.01", text: "x", finding: "x", findings: ["f"], threads: [RoH]}
                          - {id: "1.1.02", text: "y", finding: "y", findings: ["f"], threads: [LoR]}
                          - {id: "1.1.03", text: "z", finding: "z", findings: ["f"], threads: []}
                          - {id: "1.1.05", text: "w", finding: "w", findings: ["f"]}
                          - {id: "1.1.04", text: "overall?", finding: "overall", summary: true, threads: %s}
                """;
        // RoH and LoR each on 1 of 4 individual questions: the summary question carries neither.
        assertEquals(List.of(), CatalogueCheck.problems(read(omi1.formatted("[]"))));
        assertEquals(List.of("summary question 1.1.04 must not carry RoH: 1 of the 4 individual questions of 1.1 do"),
                CatalogueCheck.problems(read(omi1.formatted("[RoH]"))));
        // 2 of 4 is half: the criterion is about risk of harm, and so is its summary question.
        String half = omi1.replace("text: \"z\", finding: \"z\", findings: [\"f\"], threads: []", "text: \"z\", finding: \"z\", findings: [\"f\"], threads: [RoH]");
        assertEquals(List.of("summary question 1.1.04 must carry RoH: 2 of the 4 individual questions of 1.1 do"),
                CatalogueCheck.problems(read(half.formatted("[]"))));
        assertEquals(List.of(), CatalogueCheck.problems(read(half.formatted("[RoH]"))));
        // The published catalogue: 2.6 (Control) is about risk of harm, 2.3 (victims) is not.
        Catalogue real = Catalogues.of(Framework.OMI1);
        assertTrue(real.question("2.6.09").orElseThrow().feeds(ThreadTag.ROH));
        assertTrue(!real.question("2.3.09").orElseThrow().feeds(ThreadTag.ROH));
    }

    @Test
    void anUnknownTagOrCharacteristicFailsTheLoadNamingIt() throws Exception {
        String question = """
                framework: omi2
                version: 1
                title: broken
                scoring: {criterion: mean, section: mean}
                sections:
                  - id: "1"
                    title: one
                    criteria:
                      - id: "1.1"
                        title: a
                        statement: a
                        assessment: case
                        questions:
                          - {id: "1.1.01", text: "x", finding: "f", findings: ["f"], %s}
                """;
        assertTrue(assertThrows(IOException.class, () -> read(question.formatted("threads: [RoX]")))
                .getMessage().contains("RoX"));
        assertTrue(assertThrows(IOException.class, () -> read(question.formatted("appliesTo: {shoeSize: [9]}")))
                .getMessage().contains("shoeSize"));
        assertTrue(assertThrows(IOException.class, () -> read(question.formatted("appliesTo: {roshLevel: [extreme]}")))
                .getMessage().contains("extreme"));
        // The same question with a valid tag and characteristic loads and passes.
        assertEquals(List.of(), CatalogueCheck.problems(read(question.formatted("threads: [C&E], appliesTo: {roshLevel: [high]}"))));
    }

    /**
     * The body of GET /frameworks/omi1: case-assessment-service returns this Catalogue through Quarkus's Jackson, which
     * no service customises, so a plain ObjectMapper writes the same JSON.
     */
    @Test
    void theServedCatalogueCarriesWhatAFormNeeds() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode omi1 = json.readTree(json.writeValueAsString(Catalogues.of(Framework.OMI1)));
        assertEquals(List.of("framework", "version", "title", "years", "scoring", "weights", "gradeScales", "bands",
                "lineOfPriority", "sections"), fieldNames(omi1));
        assertEquals("omi1", omi1.get("framework").asText());
        assertEquals(70.0, omi1.get("lineOfPriority").doubleValue());
        assertEquals(json.readTree("""
                {"conclusion": [{"min": 70.0, "label": "good"}, {"min": 60.0, "label": "a priority for improvement"},
                                {"min": 0.0, "label": "an urgent priority for improvement"}]}"""), omi1.get("bands"));
        assertEquals(json.readTree("""
                {"section4": ["Well met", "Satisfactorily met", "Partly met", "Not met"]}"""), omi1.get("gradeScales"));
        assertEquals(0.2, omi1.at("/scoring/summaryWeight").doubleValue());

        JsonNode preparing = omi1.at("/sections/0/criteria/0");
        assertEquals(List.of("id", "title", "statement", "assessment", "gradeScale", "weight", "bands", "questions"),
                fieldNames(preparing));
        assertEquals("case", preparing.get("assessment").asText());
        assertEquals(List.of("id", "text", "finding", "summary", "threads", "appliesTo", "findings"),
                fieldNames(question(omi1, "1.1.18")));
        assertEquals("overall, the work to prepare for sentence, including the PSR, was sufficient",
                question(omi1, "1.1.18").get("finding").asText());
        assertTrue(question(omi1, "1.1.18").get("summary").booleanValue());
        assertEquals(false, question(omi1, "1.1.01").get("summary").booleanValue());
        assertEquals(json.readTree("[\"C&E\"]"), question(omi1, "1.5.08").get("threads"));
        assertEquals(json.readTree("[\"RoH\", \"LoR\"]"), question(omi1, "1.1.04").get("threads"));
        assertEquals(json.readTree("""
                {"caseType": null, "roshLevel": null, "ppo": null, "mappaLevel": [1, 2, 3], "gender": null,
                 "ethnicity": null, "tier": null, "approvedPremises": null, "victimContact": null,
                 "childSafeguarding": null, "psr": null}"""), question(omi1, "2.2.07").get("appliesTo"));
        assertEquals(json.readTree("[\"high\", \"very-high\"]"), question(omi1, "1.2.16").at("/appliesTo/roshLevel"));
        assertEquals(json.readTree("[\"community-order\", \"custody\"]"), question(omi1, "1.1.01").at("/appliesTo/caseType"));
        assertEquals(json.readTree("[\"WM2008 1.1 strength (a)\", \"BED2006 1.1 strength (a)\"]"),
                question(omi1, "1.1.01").get("findings"));

        JsonNode leadership = omi1.at("/sections/3/criteria/0");
        assertEquals("4.1", leadership.get("id").asText());
        assertEquals("graded", leadership.get("assessment").asText());
        assertEquals("section4", leadership.get("gradeScale").asText());
        assertEquals(0, leadership.get("questions").size());
    }

    private static JsonNode question(JsonNode catalogue, String id) {
        for (JsonNode section : catalogue.get("sections")) {
            for (JsonNode criterion : section.get("criteria")) {
                for (JsonNode q : criterion.get("questions")) {
                    if (q.get("id").asText().equals(id)) {
                        return q;
                    }
                }
            }
        }
        throw new AssertionError("no question " + id);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Catalogue read(String yaml) throws IOException {
        return Catalogues.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> ids(Catalogue c) {
        return c.criteria().stream().map(Criterion::id).toList();
    }
}
