package dev.inspectorate.caseassessment.domain;

import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import java.util.Map;
import java.util.Optional;

/** What commands need to know of an inspection: its framework, area, status, team and stream version. */
public record Inspection(String id, String area, Framework framework, InspectionStatus status,
        Map<String, TeamRole> team, long version) {

    public Inspection {
        team = Map.copyOf(team);
    }

    public Catalogue catalogue() {
        return Catalogues.of(framework);
    }

    public Optional<TeamRole> roleOf(String user) {
        return Optional.ofNullable(team.get(user));
    }

    public boolean isLead(String user) {
        return team.get(user) == TeamRole.LEAD_INSPECTOR;
    }

    public boolean isMember(String user) {
        return team.containsKey(user);
    }
}
