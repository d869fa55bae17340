package dev.inspectorate.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** The JSON form of event payloads. Unknown fields are ignored, so producers may add optional fields. */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Record payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes the data of an event of a known type into its payload record. Payload constructors check their
     * own invariants, so a payload that breaks its contract fails here, not later in a projection.
     */
    public static <T extends Record> T decode(CloudEvent e, Class<T> type) {
        try {
            return MAPPER.readValue(e.data(), type);
        } catch (IOException | RuntimeException ex) {
            Throwable cause = ex.getCause() != null && ex instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException
                    ? ex.getCause() : ex;
            throw new InvalidEventException("invalid " + e.type() + " data: " + cause.getMessage(), ex);
        }
    }
}
