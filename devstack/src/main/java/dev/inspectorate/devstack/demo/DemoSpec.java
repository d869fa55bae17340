package dev.inspectorate.devstack.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.inspectorate.frameworks.Framework;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A published inspection to re-enact through the APIs: the inspection, team, sample profile, the figures the
 * report printed (per question where it printed them) and its editorial text. Files under {@code /demo}.
 */
public record DemoSpec(
        String id,
        String area,
        Framework framework,
        String title,
        LocalDate fieldworkStart,
        LocalDate fieldworkEnd,
        String questions,
        List<String> performance,
        Team team,
        Sample sample,
        Published published,
        Editorial editorial) {

    public record Team(String lead, List<String> inspectors, List<String> assessors) {}

    public record Sample(int size, Map<String, Integer> caseType, int psr, Map<String, Integer> roshLevel, int ppo,
            Map<String, Integer> mappaLevel, int approvedPremises, int victimContact, int childSafeguarding,
            Map<String, Integer> gender, Map<String, Integer> ethnicity, Map<String, Integer> tier) {}

    public record Published(Map<String, Integer> criteria, Map<String, Integer> sections, Integer overall,
            Map<String, Integer> threads, Map<String, String> comments, Map<String, String> threadComments,
            Map<String, String> grades) {}

    public record Editorial(String foreword, Map<String, String> summaries, List<String> recommendations,
            String nextSteps, List<Map<String, String>> goodPractice, String serviceUsers, String context) {}

    /** The printed proportion of each question, or null where the report gives no figure. */
    public record PrintedQuestions(Map<String, PrintedQuestion> questions) {}

    public record PrintedQuestion(Double percent) {}

    /** The demos the platform ships, by the name given on the command line. */
    public static final Map<String, String> SHIPPED = Map.of(
            "thames-valley", "thames-valley-2010-inspection.yaml",
            "gloucestershire", "gloucestershire-2005-inspection.yaml",
            "west-midlands", "west-midlands-2008-inspection.yaml");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static DemoSpec load(String name) {
        String file = SHIPPED.get(name);
        if (file == null) {
            throw new IllegalArgumentException("no demo " + name + "; demos: " + SHIPPED.keySet());
        }
        return read("/demo/" + file, DemoSpec.class);
    }

    public PrintedQuestions printed() {
        return read("/demo/" + questions, PrintedQuestions.class);
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = DemoSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
