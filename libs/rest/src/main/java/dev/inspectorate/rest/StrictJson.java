package dev.inspectorate.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies name only fields the endpoint knows: a misspelt {@code "notes"} for {@code "note"} would otherwise
 * be dropped without a word and the request recorded without it. Events are read by {@code EventJson}'s own,
 * tolerant mapper, so a newer producer's extra fields do not break a consumer.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
