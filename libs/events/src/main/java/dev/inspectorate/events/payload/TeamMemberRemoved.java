package dev.inspectorate.events.payload;

import static dev.inspectorate.events.payload.Require.present;

/** {@code team.member.removed}: a user left the inspection team. */
public record TeamMemberRemoved(String inspectionId, String user) {
    public TeamMemberRemoved {
        present(inspectionId, "inspectionId");
        present(user, "user");
    }
}
