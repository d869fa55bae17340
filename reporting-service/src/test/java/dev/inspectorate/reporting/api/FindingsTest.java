package dev.inspectorate.reporting.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The wording of suggested findings; the percentages are worked by hand (half-up, as the report displays them). */
class FindingsTest {
    private static final String SCREENING = "a RoSH screening was completed on time";

    @Test
    void aProportionOfTwentyCasesOrMoreIsItsDisplayedPercentage() {
        // 140 / 165 = 84.85%: 85%.
        assertEquals("A RoSH screening was completed on time in 85% of cases.", Findings.sentence(SCREENING, 140, 165, 85));
        // 137 / 200 = 68.5%: half-up gives 69%.
        assertEquals("A RoSH screening was completed on time in 69% of cases.", Findings.sentence(SCREENING, 137, 200, 69));
        // 12 / 20 = 60%: twenty cases are enough for a percentage.
        assertEquals("A RoSH screening was completed on time in 60% of cases.", Findings.sentence(SCREENING, 12, 20, 60));
    }

    @Test
    void allAndNoneAreSaidOnlyWhenEveryOrNoCaseMetIt() {
        assertEquals("A RoSH screening was completed on time in all cases.", Findings.sentence(SCREENING, 84, 84, 100));
        assertEquals("A RoSH screening was completed on time in none of the cases.", Findings.sentence(SCREENING, 0, 40, 0));
        // 199 / 200 = 99.5% displays as 100%, but one case did not meet it.
        assertEquals("A RoSH screening was completed on time in all but 1 of the 200 cases.",
                Findings.sentence(SCREENING, 199, 200, 100));
        // 1 / 250 = 0.4% displays as 0%, but one case met it.
        assertEquals("A RoSH screening was completed on time in 1 of the 250 cases.", Findings.sentence(SCREENING, 1, 250, 0));
    }

    @Test
    void fewerThanTwentyCasesAreCounted() {
        assertEquals("A RoSH screening was completed on time in 12 of 15 cases.", Findings.sentence(SCREENING, 12, 15, 80));
        assertEquals("A RoSH screening was completed on time in 18 of 19 cases.", Findings.sentence(SCREENING, 18, 19, 95));
        assertEquals("A RoSH screening was completed on time in all 15 cases.", Findings.sentence(SCREENING, 15, 15, 100));
        assertEquals("A RoSH screening was completed on time in none of the 3 cases.", Findings.sentence(SCREENING, 0, 3, 0));
        assertEquals("A RoSH screening was completed on time in the one case.", Findings.sentence(SCREENING, 1, 1, 100));
        assertEquals("A RoSH screening was completed on time in none of the cases.", Findings.sentence(SCREENING, 0, 1, 0));
    }

    @Test
    void aFindingStartingWithAnAbbreviationKeepsIt() {
        assertEquals("OASys had been rescored during supervision in 45% of cases.",
                Findings.sentence("OASys had been rescored during supervision", 18, 40, 45));
    }
}
