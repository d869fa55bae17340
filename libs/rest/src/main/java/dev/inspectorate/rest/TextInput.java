package dev.inspectorate.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses unstorable text wherever it enters: JSON string fields, path segments and query parameters. */
@Singleton
public class TextInput implements ObjectMapperCustomizer {

    /** A JSON string field holding text the database cannot store. */
    public static class UnstorableTextException extends JsonMappingException {
        UnstorableTextException(JsonParser p) {
            super(p, StorableText.MESSAGE);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = super.deserialize(p, ctxt);
                if (!StorableText.storable(s)) {
                    throw new UnstorableTextException(p);
                }
                return s;
            }
        }));
    }

    @ServerRequestFilter(preMatching = true)
    public jakarta.ws.rs.core.Response checkUri(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!StorableText.storable(path)) {
            return ProblemMappers.respond(ProblemException.invalid("path", StorableText.MESSAGE).toProblem(null));
        }
        for (Map.Entry<String, List<String>> q : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String v : q.getValue()) {
                if (!StorableText.storable(v)) {
                    return ProblemMappers.respond(ProblemException.invalid(q.getKey(), StorableText.MESSAGE).toProblem(null));
                }
            }
        }
        return null;
    }
}
