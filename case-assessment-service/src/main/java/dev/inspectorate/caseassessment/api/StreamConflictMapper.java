package dev.inspectorate.caseassessment.api;

import dev.inspectorate.messaging.StreamConflictException;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Another writer changed the same stream first: 409, and nothing of this request was applied. */
public class StreamConflictMapper {
    @ServerExceptionMapper
    public Response conflict(StreamConflictException e, UriInfo uri) {
        Map<String, Object> extensions = new HashMap<>();
        extensions.put("stream", e.streamId());
        e.currentVersion().ifPresent(v -> extensions.put("currentVersion", v));
        Response r = ProblemMappers.respond(ProblemException.conflict("concurrent-change",
                "it was changed by someone else since version " + e.expectedVersion() + "; reload and retry",
                extensions).toProblem(uri.getPath()));
        return e.currentVersion()
                .map(v -> Response.fromResponse(r).header("ETag", Etags.of(v)).build())
                .orElse(r);
    }
}
