package dev.inspectorate.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
                rs -> rs.stream().filter(r -> id.equals(r.key())).count() >= 2, Duration.ofSeconds(30)).stream()
                .filter(r -> id.equals(r.key())).toList();
        assertEquals(2, dead.size());
        assertEquals("ce_specversion must be 1.0, was null", KafkaCloudEvents.get(dead.get(0).headers(), KafkaCloudEvents.DLQ_REASON));
        assertTrue(KafkaCloudEvents.get(dead.get(1).headers(), KafkaCloudEvents.DLQ_REASON).contains("9.9.99"));
        assertTrue(KafkaCloudEvents.get(dead.get(1).headers(), "dlq-source").startsWith("inspection-events-0@"));
    }
}
