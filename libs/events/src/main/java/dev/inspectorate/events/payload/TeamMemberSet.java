package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/**
 * {@code team.member.set}: a user joined the inspection team, or their team role changed. Team roles:
 * lead-inspector, inspector, area-assessor.
 */
public record TeamMemberSet(String inspectionId, String user, String role) {
    public TeamMemberSet {
        present(inspectionId, "inspectionId");
        present(user, "user");
        present(role, "role");
    }
}
