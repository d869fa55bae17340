package dev.inspectorate.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem+json error responses of every operation, so each endpoint's OpenAPI says what a client
 * gets when it goes wrong: 400 (bad input: a body, a parameter), 401 and 403 (secured operations), 404 (a path
 * naming something), 409 (changes, against the current state), 422 (an Idempotency-Key reused). Responses an
 * operation declares itself keep their description and get the Problem schema. A service opts in with
 * {@code mp.openapi.filter=dev.inspectorate.rest.ProblemResponses}.
 */
public class ProblemResponses implements OASFilter {
    static final String SCHEMA = "Problem";
    static final String REF = "#/components/schemas/" + SCHEMA;

    private static final Map<String, String> DEFAULTS = Map.of(
            "400", "The request is invalid: the violations name each bad field (a JSON path, parameter, header or CSV "
                    + "line and column); nothing was changed",
            "401", "No valid bearer token, or one that names no user",
            "403", "The caller's role, area or place on the inspection team does not allow this",
            "404", "Nothing exists at this path (the violations name what is missing)",
            "409", "Conflicts with the current state (the violations say which); nothing was changed",
            "422", "Well-formed, but breaks a rule (the violations say which); nothing was changed");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problemSchema());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) ->
                document(path, item, method, op, securedByDefault)));
    }

    private static void document(String path, PathItem item, PathItem.HttpMethod method, Operation op, boolean securedByDefault) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        List<Parameter> parameters = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            parameters.addAll(op.getParameters());
        }
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.DELETE || method == PathItem.HttpMethod.PATCH;
        boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty() : securedByDefault;
        if (op.getRequestBody() != null || !parameters.isEmpty()) {
            ensure(responses, "400");
        }
        if (secured) {
            ensure(responses, "401");
            ensure(responses, "403");
        }
        if (path.contains("{")) {
            ensure(responses, "404");
        }
        if (write) {
            ensure(responses, "409");
        }
        if (parameters.stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()))) {
            ensure(responses, "422");
        }
        // Whatever 4xx the operation declared itself is a problem too.
        for (String code : List.copyOf(responses.getAPIResponses().keySet())) {
            if (code.startsWith("4")) {
                ensure(responses, code);
            }
        }
    }

    /** The response, with its description kept if declared, and the Problem schema if it has no content. */
    private static void ensure(APIResponses responses, String code) {
        APIResponse r = responses.getAPIResponse(code);
        if (r == null) {
            r = OASFactory.createAPIResponse();
            responses.addAPIResponse(code, r);
        }
        if (r.getRef() != null) {
            return;
        }
        if (r.getDescription() == null || r.getDescription().isBlank() || isQuarkusDefault(r.getDescription())) {
            r.setDescription(DEFAULTS.getOrDefault(code, "A problem (RFC 9457)"));
        }
        if (r.getContent() == null || r.getContent().getMediaTypes() == null || r.getContent().getMediaTypes().isEmpty()) {
            r.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref(REF))
                    .example(example(code))));
        }
    }

    /** The generic words Quarkus adds for secured operations say less than ours. */
    private static boolean isQuarkusDefault(String description) {
        return description.equals("Not Authorized") || description.equals("Not Allowed") || description.equals("Bad Request");
    }

    private static Map<String, Object> example(String code) {
        return switch (code) {
            case "400" -> Map.of("type", Problem.TYPE_BASE + "validation", "title", "The request is invalid", "status", 400,
                    "detail", "2 fields are invalid", "violations", List.of(
                            Map.of("field", "[0].mappaLevel", "message", "must be less than or equal to 3"),
                            Map.of("field", "[1].caseType", "message",
                                    "cannot be \"probation\": expected one of community-order, licence, custody")));
            case "401" -> Map.of("type", Problem.TYPE_BASE + "unauthenticated", "title", "Unauthenticated", "status", 401,
                    "detail", "a valid bearer token is required");
            case "403" -> Map.of("type", Problem.TYPE_BASE + "forbidden", "title", "Forbidden", "status", 403,
                    "detail", "inspection omi2-thames-valley-2010 is not of your area",
                    "violations", List.of(Map.of("field", "area", "message",
                            "inspection omi2-thames-valley-2010 is not of your area")));
            case "404" -> Map.of("type", Problem.TYPE_BASE + "not-found", "title", "Not found", "status", 404,
                    "detail", "no inspection omi2-try", "violations", List.of(Map.of("field", "inspection", "message",
                            "no inspection omi2-try")));
            case "409" -> Map.of("type", Problem.TYPE_BASE + "concurrent-change", "title", "Conflict with the current state",
                    "status", 409, "detail", "case C001 is at version 7, not 6; reload and retry", "currentVersion", 7,
                    "violations", List.of(Map.of("field", "If-Match", "message", "case C001 is at version 7, not 6")));
            default -> Map.of("type", Problem.TYPE_BASE + "refused", "title", "The request breaks a rule of the inspection",
                    "status", Integer.parseInt(code), "detail", "question: question 1.1.01 cannot apply to case C002",
                    "violations", List.of(Map.of("field", "question", "message",
                            "question 1.1.01 cannot apply to case C002, given its characteristics")));
        };
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One bad input")
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("A JSON path ([3].caseId), parameter, header or CSV column"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("line", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .description("The CSV line, where the input is CSV"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem detail; extensions such as currentVersion or missing may follow")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri"))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(violation))
                .required(List.of("type", "title", "status"));
    }
}
