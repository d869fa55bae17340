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
import java.io.InputStream;
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
        assertEquals("MINIMUM improvement required", omi2.band("improvement", 80).orElseThrow());
        assertEquals("MODERATE improvement required", omi2.band("improvement", 79.999).orElseThrow());
        assertEquals("MODERATE improvement required", omi2.band("improvement", 65).orElseThrow());
        assertEquals("SUBSTANTIAL improvement required", omi2.band("improvement", 40).orElseThrow());
        assertEquals("DRASTIC improvement required", omi2.band("improvement", 39.9).orElseThrow());
        Catalogue omi1 = Catalogues.of(Framework.OMI1);
        assertEquals("good", omi1.band("conclusion", 70).orElseThrow());
        assertEquals("a priority for improvement", omi1.band("conclusion", 60).orElseThrow());
        assertEquals("an urgent priority for improvement", omi1.band("conclusion", 59.99).orElseThrow());
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
                          - {id: "1.1.01", text: "x", findings: []}
                          - {id: "1.1.01", text: "y", findings: []}
                      - id: "1.2"
                        title: b
                        statement: b
                        assessment: case
                      - id: "1.3"
                        title: c
                        statement: c
                        assessment: graded
                        gradeScale: missing
                """;
        Catalogue c = Catalogues.read(new java.io.ByteArrayInputStream(broken.getBytes()));
        assertEquals(List.of(
                "criterion 1.1 must have exactly one summary question, has 0",
                "question id 1.1.01 is not unique",
                "case-scored criterion 1.2 has no questions",
                "criterion 1.2 must have exactly one summary question, has 0",
                "criterion 1.2 needs individual questions beside its summary question",
                "graded criterion 1.3 needs a known gradeScale",
                "summary-weighted scoring needs a summaryWeight between 0 and 1"), CatalogueCheck.problems(c));
    }

    private static List<String> ids(Catalogue c) {
        return c.criteria().stream().map(Criterion::id).toList();
    }
}
