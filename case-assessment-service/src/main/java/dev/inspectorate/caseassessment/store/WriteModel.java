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

    /**
     * How a command holds the inspection until it commits: a transaction-scoped advisory lock on its id, in memory
     * (a row lock would write the hot inspection row, and a multixact, for every concurrent judgement).
     */
    enum Lock {
        /** Case and sample commands: many at once, but never alongside a closure or team change. */
        SHARE("pg_advisory_xact_lock_shared"),
        /** Commands on the inspection itself (closure, team, grades): alone, so case commands wait and re-read. */
        UPDATE("pg_advisory_xact_lock");

        final String function;

        Lock(String function) {
            this.function = function;
        }
    }

    /**
     * The inspection, locked for the rest of the transaction. Without this a judgement could commit beside a
     * closure: they append to different streams, so optimistic concurrency alone does not order them. The two-key
     * form keeps clear of the relay's single-key lock and of the idempotency keys' class.
     */
    static Uni<Inspection> inspection(SqlClient c, String id, Lock lock) {
        return c.preparedQuery("SELECT " + lock.function + "(hashtext('inspection'), hashtext($1))").execute(Tuple.of(id))
                // A new statement, so under READ COMMITTED it sees what the lock waited for.
                .flatMap(locked -> inspection(c, id));
    }

    static Uni<Inspection> inspection(SqlClient c, String id) {
        return c.preparedQuery("""
                        SELECT i.id, i.area, i.framework, i.status, i.version,
                               coalesce(array_agg(t.user_name) FILTER (WHERE t.user_name IS NOT NULL), '{}') AS users,
                               coalesce(array_agg(t.role) FILTER (WHERE t.user_name IS NOT NULL), '{}') AS roles
                        FROM inspection i LEFT JOIN team_member t ON t.inspection_id = i.id
                        WHERE i.id = $1 GROUP BY i.id""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("inspection", "no inspection " + id);
                    }
                    Row r = rows.iterator().next();
                    String[] users = r.getArrayOfStrings("users");
                    String[] roles = r.getArrayOfStrings("roles");
                    Map<String, TeamRole> members = new HashMap<>();
                    for (int k = 0; k < users.length; k++) {
                        members.put(users[k], TeamRole.fromId(roles[k]));
                    }
                    return new Inspection(id, r.getString("area"), Framework.fromId(r.getString("framework")),
                            InspectionStatus.valueOf(r.getString("status")), members, r.getLong("version"));
                });
    }

    static Uni<SampledCase> sampledCase(SqlClient c, String inspectionId, String caseId) {
        return cases(c, inspectionId, java.util.List.of(caseId)).map(found -> {
            SampledCase sc = found.get(caseId);
            if (sc == null) {
                throw new NotFoundException("case", "no case " + caseId + " in inspection " + inspectionId);
            }
            return sc;
        });
    }

    /** The named cases that exist, with their current answers. */
    static Uni<Map<String, SampledCase>> cases(SqlClient c, String inspectionId, Collection<String> caseIds) {
        return c.preparedQuery("""
                        SELECT c.case_id, c.characteristics::text AS characteristics, c.status, c.assignee, c.version,
                               coalesce(array_agg(j.question_id) FILTER (WHERE j.question_id IS NOT NULL), '{}') AS questions,
                               coalesce(array_agg(j.answer) FILTER (WHERE j.question_id IS NOT NULL), '{}') AS answers,
                               coalesce(array_agg(j.note) FILTER (WHERE j.question_id IS NOT NULL), '{}') AS notes,
                               coalesce(array_agg(j.moderated_by) FILTER (WHERE j.question_id IS NOT NULL), '{}') AS moderators
                        FROM sampled_case c LEFT JOIN judgement j USING (inspection_id, case_id)
                        WHERE c.inspection_id = $1 AND c.case_id = ANY($2)
                        GROUP BY c.inspection_id, c.case_id""")
                .execute(Tuple.of(inspectionId, caseIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, SampledCase> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        String id = r.getString("case_id");
                        String[] questions = r.getArrayOfStrings("questions");
                        String[] answers = r.getArrayOfStrings("answers");
                        String[] notes = r.getArrayOfStrings("notes");
                        String[] moderators = r.getArrayOfStrings("moderators");
                        Map<String, SampledCase.Judged> given = new HashMap<>();
                        for (int k = 0; k < questions.length; k++) {
                            given.put(questions[k], new SampledCase.Judged(Answer.valueOf(answers[k]), notes[k], moderators[k]));
                        }
                        out.put(id, new SampledCase(inspectionId, id, characteristics(r.getString("characteristics")),
                                CaseStatus.valueOf(r.getString("status")), r.getString("assignee"), given, r.getLong("version")));
                    }
                    return out;
                });
    }

    static CaseCharacteristics characteristics(String json) {
        try {
            return EventJson.mapper().readValue(json, CaseCharacteristics.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
