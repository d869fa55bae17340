package dev.inspectorate.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.inspectorate.rest.Problem.Violation;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error a service returns is application/problem+json; bad input is a 4xx naming the field, never a 500. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Violation(field(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::field));
        return respond(ProblemException.invalid(violations).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemException.invalid(List.of(jsonViolation(e))).toProblem(path(uri)));
    }

    // quarkus-rest-jackson maps these subclasses itself, with an empty body; ours name the field.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = status >= 500 ? "the service could not handle the request" : e.getMessage();
        return respond(new Problem(URI.create(Problem.TYPE_BASE + slug(status)), type.getReasonPhrase(), status,
                detail, path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(URI.create(Problem.TYPE_BASE + "unauthenticated"),
                        "Unauthenticated", 401, "a valid bearer token is required", path(uri), null, null)))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(new UnauthorizedException(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemException.forbidden("your role does not allow this").toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Unavailable.database(e)) {
            LOG.warnf("database unavailable: %s", e.toString());
            return unavailable("the database cannot be reached; nothing was changed; retry later", 5, uri);
        }
        if (Unavailable.busy(e)) {
            LOG.warnf("busy: %s", e.toString());
            return unavailable("the service is busy; nothing was changed; retry shortly", 1, uri);
        }
        LOG.error("unexpected failure", e);
        return respond(new Problem(URI.create(Problem.TYPE_BASE + "internal"), "Internal error", 500,
                "the service could not handle the request", path(uri), null, null));
    }

    private static Response unavailable(String detail, int retryAfterSeconds, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(URI.create(Problem.TYPE_BASE + "unavailable"),
                        "Service unavailable", 503, detail, path(uri), null, null)))
                .header("Retry-After", Integer.toString(retryAfterSeconds)).build();
    }

    public static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    /** The JSON path of a Jackson failure, e.g. {@code [3].characteristics.roshLevel}, and what was wrong. */
    static Violation jsonViolation(JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof JsonParseException p) {
                // Broken syntax: no field to name, but where it broke.
                var loc = p.getLocation();
                String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
                return new Violation("body", "is not well-formed JSON" + where);
            }
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    field.append('[').append(r.getIndex()).append(']');
                }
            }
            String message;
            if (e instanceof TextInput.UnstorableTextException) {
                message = StorableText.MESSAGE;
            } else if (e instanceof UnrecognizedPropertyException u) {
                message = KnownFields.message(u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
            } else if (e instanceof InvalidFormatException f) {
                message = "cannot be " + quote(f.getValue()) + allowed(f.getTargetType());
            } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
                message = v.getCause().getMessage();
            } else {
                message = "has the wrong type or form";
            }
            return new Violation(field.toString(), message);
        }
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new Violation("body", "is not well-formed JSON" + where);
    }

    private static String quote(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    private static String allowed(Class<?> type) {
        if (type != null && type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(jsonName((Enum<?>) c));
            }
            return ": expected one of " + String.join(", ", names);
        }
        if (type != null) {
            return ": expected " + type.getSimpleName().toLowerCase();
        }
        return "";
    }

    private static String jsonName(Enum<?> constant) {
        try {
            var property = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property != null ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    /**
     * A bean-validation path as the client knows the field: {@code open.body.area} becomes {@code area},
     * {@code importCases.body[3].caseId} becomes {@code [3].caseId}, {@code get.id} (a path parameter) {@code id}.
     */
    static String field(Path path) {
        String parameter = null;
        StringBuilder f = new StringBuilder();
        for (Path.Node n : path) {
            switch (n.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = n.getName();
                default -> {
                    if (n.isInIterable()) {
                        f.append('[').append(n.getIndex() != null ? n.getIndex() : n.getKey()).append(']');
                    }
                    if (n.getName() != null && !n.getName().startsWith("<")) {
                        if (!f.isEmpty()) {
                            f.append('.');
                        }
                        f.append(n.getName());
                    }
                }
            }
        }
        if (f.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return f.toString();
    }
}
