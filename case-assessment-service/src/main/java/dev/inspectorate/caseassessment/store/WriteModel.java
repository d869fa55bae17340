package dev.inspectorate.caseassessment.store;

import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.caseassessment.domain.Inspection;
import dev.inspectorate.caseassessment.domain.InspectionStatus;
import dev.inspectorate.caseassessment.domain.NotFoundException;
import dev.inspectorate.caseassessment.domain.SampledCase;
import dev.inspectorate.caseassessment.domain.TeamRole;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Framework;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the state commands are checked against, from the current-state tables. */
final class WriteModel {
    private WriteModel() {}

    static Uni<Inspection> inspection(SqlClient c, String id) {
        return c.preparedQuery("SELECT id, area, framework, status, version FROM inspection WHERE id = $1")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no inspection " + id);
                    }
                    Row r = rows.iterator().next();
                    return c.preparedQuery("SELECT user_name, role FROM team_member WHERE inspection_id = $1")
                            .execute(Tuple.of(id))
                            .map(team -> {
                                Map<String, TeamRole> members = new HashMap<>();
                                team.forEach(t -> members.put(t.getString("user_name"), TeamRole.fromId(t.getString("role"))));
                                return new Inspection(id, r.getString("area"), Framework.fromId(r.getString("framework")),
                                        InspectionStatus.valueOf(r.getString("status")), members, r.getLong("version"));
                            });
                });
    }

    static Uni<SampledCase> sampledCase(SqlClient c, String inspectionId, String caseId) {
        return cases(c, inspectionId, java.util.List.of(caseId)).map(found -> {
            SampledCase sc = found.get(caseId);
            if (sc == null) {
                throw new NotFoundException("no case " + caseId + " in inspection " + inspectionId);
            }
            return sc;
        });
    }

    /** The named cases that exist, with their current answers. */
    static Uni<Map<String, SampledCase>> cases(SqlClient c, String inspectionId, Collection<String> caseIds) {
        String[] ids = caseIds.toArray(String[]::new);
        return c.preparedQuery("""
                        SELECT case_id, characteristics::text AS characteristics, status, assignee, version
                        FROM sampled_case WHERE inspection_id = $1 AND case_id = ANY($2)""")
                .execute(Tuple.of(inspectionId, ids))
                .flatMap(rows -> c.preparedQuery("""
                                SELECT case_id, question_id, answer FROM judgement
                                WHERE inspection_id = $1 AND case_id = ANY($2)""")
                        .execute(Tuple.of(inspectionId, ids))
                        .map(judgements -> {
                            Map<String, Map<String, Answer>> answers = new HashMap<>();
                            judgements.forEach(j -> answers.computeIfAbsent(j.getString("case_id"), k -> new HashMap<>())
                                    .put(j.getString("question_id"), Answer.valueOf(j.getString("answer"))));
                            Map<String, SampledCase> out = new LinkedHashMap<>();
                            for (Row r : rows) {
                                String id = r.getString("case_id");
                                out.put(id, new SampledCase(inspectionId, id, characteristics(r.getString("characteristics")),
                                        CaseStatus.valueOf(r.getString("status")), r.getString("assignee"),
                                        answers.getOrDefault(id, Map.of()), r.getLong("version")));
                            }
                            return out;
                        }));
    }

    static CaseCharacteristics characteristics(String json) {
        try {
            return EventJson.mapper().readValue(json, CaseCharacteristics.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
