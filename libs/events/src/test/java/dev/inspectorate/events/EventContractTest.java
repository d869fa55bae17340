package dev.inspectorate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.inspectorate.events.payload.CaseAssessmentReopened;
import dev.inspectorate.events.payload.CaseAssessmentSubmitted;
import dev.inspectorate.events.payload.CaseAssigned;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.ConclusionRecorded;
import dev.inspectorate.events.payload.GradeRecorded;
import dev.inspectorate.events.payload.InspectionClosed;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementModerated;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.ScoresChanged;
import dev.inspectorate.events.payload.TeamMemberRemoved;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Framework;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The records, the JSON Schemas and the AsyncAPI document describe the same events. */
class EventContractTest {
    static final String ID = "omi2-thames-valley-2010";
    static final CaseCharacteristics CASE = new CaseCharacteristics(CaseCharacteristics.CaseType.LICENCE,
            CaseCharacteristics.RoshLevel.HIGH, true, 2, CaseCharacteristics.Gender.FEMALE,
            CaseCharacteristics.Ethnicity.BLACK, 3, true, true, false, false);

    static List<Record> examples() {
        ScoresChanged.Figure f = new ScoresChanged.Figure(62.5, 63, "SUBSTANTIAL improvement required", 30.1, 90.2, 2, 16);
        return List.of(
                new InspectionOpened(ID, "Thames Valley", Framework.OMI2, 1, "OMI2", LocalDate.of(2010, 4, 12), LocalDate.of(2010, 4, 23)),
                new TeamMemberSet(ID, "martin.jolly", "inspector"),
                new TeamMemberRemoved(ID, "martin.jolly"),
                new CaseSampled(ID, "C001", CASE),
                new CaseAssigned(ID, "C001", "martin.jolly"),
                new JudgementRecorded(ID, "C001", "1.2.01", Answer.SUFFICIENT, null, "martin.jolly"),
                new JudgementModerated(ID, "C001", "1.2.01", Answer.INSUFFICIENT, Answer.SUFFICIENT, "no screening on file", "helen"),
                new CaseAssessmentSubmitted(ID, "C001", "martin.jolly"),
                new CaseAssessmentReopened(ID, "C001", "helen", "moderation"),
                new CaseWithdrawn(ID, "C001", "transferred out", "helen"),
                new GradeRecorded(ID, "4.1", "Very effective", "helen"),
                new ConclusionRecorded(ID, "1.2", "good", "helen"),
                new InspectionClosed(ID, "helen"),
                new ScoresChanged(ID, Framework.OMI2, 1, Instant.parse("2010-04-20T10:00:00Z"), Map.of("1.2", f),
                        Map.of("1", f), null, Map.of("risk-of-harm", f), Map.of("1.2.01", new ScoresChanged.Tally(5, 8)),
                        new ScoresChanged.Sample(171, 12, 2)),
                new dev.inspectorate.events.payload.PerformanceDatasetLoaded("bedfordshire-2005-06-nps-v1", "bedfordshire",
                        "2005-06", "nps", 1, null, List.of(new dev.inspectorate.events.payload.PerformanceDatasetLoaded.Row(
                                "nps-offender-compliance", "Offender compliance", null, 80.0, null, 81.0, null, null, null, null,
                                null, null, null, "MISSED", 85.0))),
                new dev.inspectorate.events.payload.ReportPublished(ID, 1, "Thames Valley", Framework.OMI2, "OMI2",
                        Instant.parse("2010-07-01T09:00:00Z"), "helen", Map.of("1.2", f), Map.of("1", f), null,
                        Map.of("risk-of-harm", f), Map.of("4.1", "Very effective")));
    }

    @Test
    void everyTypeHasAnExampleThatConformsToItsSchemaAndRoundTrips() throws Exception {
        List<Record> examples = examples();
        assertEquals(EventType.values().length, examples.size());
        ObjectMapper json = new ObjectMapper();
        for (Record r : examples) {
            EventType type = EventType.of(r.getClass());
            JsonNode data = json.readTree(EventJson.encode(r));
            try (InputStream in = getClass().getResourceAsStream(type.schemaResource(1))) {
                var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
                assertEquals(Set.of(), schema.validate(data), type.ceType());
                assertEquals(type.dataschema().toString(), schema.getSchemaNode().get("$id").asText());
            }
            CloudEvent e = event(type, EventJson.encode(r));
            assertEquals(r, EventJson.decode(e, r.getClass()));
        }
    }

    @Test
    void theAsyncApiDocumentListsEveryType() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<String> names = new ArrayList<>();
        doc.get("components").get("messages").forEach(m -> names.add(m.get("name").asText()));
        List<String> types = new ArrayList<>();
        for (EventType t : EventType.values()) {
            types.add(t.ceType());
        }
        assertEquals(types, names);
        doc.get("components").get("messages").forEach(m -> assertTrue(
                getClass().getResource("/" + m.get("payload").get("$ref").asText()) != null, m.toString()));
    }

    @Test
    void cloudEventsTravelInKafkaBinaryMode() {
        CloudEvent e = event(EventType.JUDGEMENT_RECORDED, "{}".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> out = KafkaCloudEvents.toRecord("inspection-events", e);
        assertEquals(ID, out.key());
        assertEquals("judgement.recorded", KafkaCloudEvents.get(out.headers(), "ce_type"));
        assertEquals("7", KafkaCloudEvents.get(out.headers(), "ce_sequence"));
        // RFC 3339 even at a whole minute (OffsetDateTime.toString would give 10:00Z, which consumers refuse).
        assertEquals("2010-04-20T10:00:00Z", KafkaCloudEvents.get(out.headers(), "ce_time"));
        ConsumerRecord<String, byte[]> in = new ConsumerRecord<>("inspection-events", 0, 0, out.key(), out.value());
        out.headers().forEach(h -> in.headers().add(h));
        CloudEvent back = KafkaCloudEvents.fromRecord(in);
        assertEquals(e.id(), back.id());
        assertEquals(e.subject(), back.subject());
        assertEquals(7, back.sequence());
        assertEquals(e.time(), back.time());
        assertEquals(1, back.schemaVersion());
    }

    @Test
    void brokenEventsAreRefusedWithTheReason() {
        ConsumerRecord<String, byte[]> noHeaders = new ConsumerRecord<>("t", 0, 0, ID, "{}".getBytes());
        assertEquals("ce_specversion must be 1.0, was null",
                assertThrows(InvalidEventException.class, () -> KafkaCloudEvents.fromRecord(noHeaders)).getMessage());
        CloudEvent missingAnswer = event(EventType.JUDGEMENT_RECORDED,
                "{\"inspectionId\":\"x\",\"caseId\":\"C1\",\"questionId\":\"1.2.01\",\"assessor\":\"a\"}".getBytes());
        InvalidEventException ex = assertThrows(InvalidEventException.class,
                () -> EventJson.decode(missingAnswer, JudgementRecorded.class));
        assertTrue(ex.getMessage().contains("answer is required"), ex.getMessage());
    }

    private static CloudEvent event(EventType type, byte[] data) {
        return new CloudEvent(UUID.randomUUID(), type.ceType(), URI.create("/test"), "case-" + ID + "/C001",
                OffsetDateTime.of(2010, 4, 20, 10, 0, 0, 0, ZoneOffset.UTC), type.dataschema(), ID, 7, data);
    }
}
