package dev.inspectorate.caseassessment.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inspectorate.caseassessment.store.Idempotency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Builds responses, and turns them into (and back from) what the idempotency store keeps. */
@ApplicationScoped
public class Responses {
    @Inject
    ObjectMapper json;

    public Idempotency.Response stored(int status, Object body, String location, Long version) {
        try {
            return new Idempotency.Response(status, json.writeValueAsString(body), location,
                    version == null ? null : Etags.of(version));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response toResponse(Idempotency.Response r) {
        Response.ResponseBuilder b = Response.status(r.status()).type(MediaType.APPLICATION_JSON).entity(r.body());
        if (r.location() != null) {
            b.location(URI.create(r.location()));
        }
        if (r.etag() != null) {
            b.header("ETag", r.etag());
        }
        return b.build();
    }

    public byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response ok(Object body, long version) {
        return Response.ok(body).header("ETag", Etags.of(version)).build();
    }
}
