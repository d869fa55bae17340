package dev.inspectorate.caseassessment.api;

import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.rest.ProblemException;
import dev.inspectorate.rest.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/frameworks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Frameworks")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed({Roles.LEAD_INSPECTOR, Roles.INSPECTOR, Roles.AREA_ASSESSOR, Roles.PERFORMANCE_ANALYST, Roles.READER})
public class FrameworkResource {

    public record FrameworkSummary(Framework id, int version, String title, String years) {}

    @GET
    @Operation(summary = "The inspection frameworks",
            description = "ESI (2003-2005), OMI1 and OMI2: each with its catalogue version, title and programme years.")
    public List<FrameworkSummary> list() {
        return Catalogues.all().stream()
                .map(c -> new FrameworkSummary(c.framework(), c.version(), c.title(), c.years()))
                .toList();
    }

    @GET
    @Path("{framework}")
    @Operation(summary = "A framework's catalogue",
            description = "Sections, criteria, questions with their applicability and thread tags, grade scales, "
                    + "bands and weights: what a front-end needs to render the assessment form.")
    public Catalogue get(@PathParam("framework") String framework) {
        try {
            return Catalogues.of(Framework.fromId(framework));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no framework " + framework + "; esi, omi1 and omi2 exist");
        }
    }
}
