package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.KafkaCloudEvents;
import dev.inspectorate.events.Topics;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.testing.TestEvents;
import dev.inspectorate.testing.Tokens;
import dev.inspectorate.testing.TopicReader;
import dev.inspectorate.testing.WithPlatformInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Poison events go to the dead-letter topic with the reason, and consumption goes on. */
@QuarkusTest
@WithPlatformInfrastructure(database = "scoring")
class PoisonEventTest {

    @Test
    void undecodableAndInvalidEventsAreDeadLetteredAndTheRestApplied() {
        String id = "omi2-poison";
        try (TestEvents events = new TestEvents("/case-assessment-service")) {
            events.send(Topics.INSPECTION_EVENTS, "inspection-" + id, id, new InspectionOpened(id, "Kent", Framework.OMI2,
                    1, "poison", LocalDate.of(2010, 1, 4), LocalDate.of(2010, 1, 15)));
            events.send(Topics.INSPECTION_EVENTS, "case-" + id + "/C1", id,
                    new CaseSampled(id, "C1", ScoresFromJudgementsTest.CASE));
            // Not a CloudEvent at all.
            events.send(new ProducerRecord<>(Topics.INSPECTION_EVENTS, id, "garbage".getBytes(StandardCharsets.UTF_8)));
            // A CloudEvent whose time is no time (the connector's own header parsing would fail the channel on it).
            EventType type = EventType.of(JudgementRecorded.class);
            ProducerRecord<String, byte[]> badTime = KafkaCloudEvents.toRecord(Topics.INSPECTION_EVENTS, new CloudEvent(
                    UUID.randomUUID(), type.ceType(), URI.create("/case-assessment-service"), "case-" + id + "/C1",
                    OffsetDateTime.now(ZoneOffset.UTC), type.dataschema(), id, 99, EventJson.encode(
                            new JudgementRecorded(id, "C1", "1.2.02", Answer.SUFFICIENT, null, "assessor"))));
            badTime.headers().remove(KafkaCloudEvents.TIME);
            badTime.headers().add(KafkaCloudEvents.TIME, "2010-04-20T10:00Zulu".getBytes(StandardCharsets.UTF_8));
            events.send(badTime);
            // A well-formed event that breaks its contract: a question the framework does not have.
            events.send(Topics.INSPECTION_EVENTS, "case-" + id + "/C1", id,
                    new JudgementRecorded(id, "C1", "9.9.99", Answer.SUFFICIENT, null, "assessor"));
            // And a good one after them.
            events.send(Topics.INSPECTION_EVENTS, "case-" + id + "/C1", id,
                    new JudgementRecorded(id, "C1", "1.2.01", Answer.SUFFICIENT, null, "assessor"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.reader("r"))
                .get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.01'.sufficient", equalTo(1)));
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil(Topics.deadLetter(Topics.INSPECTION_EVENTS),
                rs -> rs.stream().filter(r -> id.equals(r.key())).count() >= 3, Duration.ofSeconds(30)).stream()
                .filter(r -> id.equals(r.key())).toList();
        assertEquals(3, dead.size());
        assertEquals("ce_specversion must be 1.0, was null", KafkaCloudEvents.get(dead.get(0).headers(), KafkaCloudEvents.DLQ_REASON));
        assertTrue(KafkaCloudEvents.get(dead.get(1).headers(), KafkaCloudEvents.DLQ_REASON)
                .startsWith("malformed CloudEvent attribute: Text '2010-04-20T10:00Zulu' could not be parsed"));
        assertTrue(KafkaCloudEvents.get(dead.get(2).headers(), KafkaCloudEvents.DLQ_REASON).contains("9.9.99"));
        assertTrue(KafkaCloudEvents.get(dead.get(2).headers(), "dlq-source").startsWith("inspection-events-0@"));
        // Nothing of the bad-time event was applied.
        given().auth().oauth2(Tokens.reader("r")).get("/inspections/{id}/scores", id).then().statusCode(200)
                .body("scores.questions.'1.2.02'", nullValue());
    }
}
