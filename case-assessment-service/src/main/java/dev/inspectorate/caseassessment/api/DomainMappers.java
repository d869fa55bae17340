package dev.inspectorate.caseassessment.api;

import dev.inspectorate.caseassessment.domain.BatchRefusedException;
import dev.inspectorate.caseassessment.domain.NotFoundException;
import dev.inspectorate.caseassessment.domain.Refusal;
import dev.inspectorate.caseassessment.domain.RefusedException;
import dev.inspectorate.caseassessment.store.Idempotency;
import dev.inspectorate.caseassessment.store.PreconditionFailedException;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamConflictException;
import dev.inspectorate.rest.Problem;
import dev.inspectorate.rest.Problem.Violation;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The workflow's refusals as problem+json: nothing of a refused request was appended. */
public class DomainMappers {
    @Inject
    EventLog log;

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return ProblemMappers.respond(new Problem(URI.create(Problem.TYPE_BASE + "not-found"), "Not found", 404,
                e.getMessage(), uri.getPath(), List.of(new Violation(e.field(), e.getMessage())), null));
    }

    @ServerExceptionMapper
    public Response refused(RefusedException e, UriInfo uri) {
        Refusal r = e.refusal();
        List<Violation> violations = new ArrayList<>();
        if (r.field() != null) {
            violations.add(new Violation(r.field(), r.message()));
        }
        Map<String, Object> extensions = r.missing().isEmpty() ? null : Map.of("missing", r.missing());
        return ProblemMappers.respond(new Problem(URI.create(Problem.TYPE_BASE + slug(r.kind())), title(r.kind()),
                status(r.kind()), r.message(), uri.getPath(), violations, extensions));
    }

    @ServerExceptionMapper
    public Response batchRefused(BatchRefusedException e, UriInfo uri) {
        // The gravest refusal decides the status: forbidden, then a state conflict, then a broken rule.
        int status = e.items().stream().map(i -> status(i.refusal().kind()))
                .max(java.util.Comparator.comparingInt(DomainMappers::rank)).orElse(422);
        List<Violation> violations = new ArrayList<>();
        for (BatchRefusedException.Item item : e.items()) {
            String field = "[" + item.index() + "]" + (item.refusal().field() == null ? "" : "." + item.refusal().field());
            violations.add(new Violation(field, item.refusal().message()));
        }
        String title = status == 403 ? "Forbidden" : status == 409 ? "Conflict with the current state"
                : "The request breaks a rule of the inspection";
        return ProblemMappers.respond(new Problem(URI.create(Problem.TYPE_BASE + "batch-refused"), title, status,
                violations.size() + " item(s) refused; nothing was recorded", uri.getPath(), violations, null));
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailedException e, UriInfo uri) {
        // 409, not 412: to the client it is the same lost race as a concurrent append, with the version to reload.
        Response r = ProblemMappers.respond(new Problem(URI.create(Problem.TYPE_BASE + "concurrent-change"),
                "Conflict with the current state", 409, e.getMessage() + "; reload and retry", uri.getPath(),
                List.of(new Violation("If-Match", e.getMessage())), Map.of("currentVersion", e.currentVersion())));
        return Response.fromResponse(r).header("ETag", Etags.of(e.currentVersion())).build();
    }

    @ServerExceptionMapper
    public Uni<Response> conflict(StreamConflictException e, UriInfo uri) {
        // The append found out only that the stream moved on; read where it is now, once the loser rolled back,
        // so the client can retry with If-Match without another GET.
        String path = uri.getPath();
        Uni<Long> current = e.currentVersion().map(v -> Uni.createFrom().item(v))
                .orElseGet(() -> log.currentVersion(e.streamId()));
        return current.map(v -> {
            Response r = ProblemMappers.respond(ProblemException.conflict("concurrent-change",
                    "someone else changed it at the same time; reload and retry",
                    Map.of("stream", e.streamId(), "currentVersion", v)).toProblem(path));
            return Response.fromResponse(r).header("ETag", Etags.of(v)).build();
        });
    }

    @ServerExceptionMapper
    public Response keyReused(Idempotency.KeyReusedException e, UriInfo uri) {
        return ProblemMappers.respond(ProblemException.refused("Idempotency-Key", e.getMessage()).toProblem(uri.getPath()));
    }

    private static int rank(int status) {
        return switch (status) {
            case 403 -> 3;
            case 409 -> 2;
            default -> 1;
        };
    }

    static int status(Refusal.Kind kind) {
        return switch (kind) {
            case FORBIDDEN -> 403;
            case STATE -> 409;
            case RULE, INCOMPLETE -> 422;
        };
    }

    private static String slug(Refusal.Kind kind) {
        return switch (kind) {
            case FORBIDDEN -> "forbidden";
            case STATE -> "state";
            case RULE -> "refused";
            case INCOMPLETE -> "incomplete";
        };
    }

    private static String title(Refusal.Kind kind) {
        return switch (kind) {
            case FORBIDDEN -> "Forbidden";
            case STATE -> "Conflict with the current state";
            case RULE -> "The request breaks a rule of the inspection";
            case INCOMPLETE -> "The case assessment is incomplete";
        };
    }
}
