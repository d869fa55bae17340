package dev.inspectorate.caseassessment.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inspectorate.caseassessment.api.InspectionView;
import dev.inspectorate.caseassessment.api.Views;
import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.caseassessment.domain.InspectionStatus;
import dev.inspectorate.caseassessment.domain.NotFoundException;
import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.caseassessment.domain.TeamRole;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.CaseCharacteristics;
import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.frameworks.Framework;
import dev.inspectorate.messaging.EventLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The workflow's reads, from the current-state tables and, for history, the event store. */
@ApplicationScoped
public class Reads {
    private static final String INSPECTION_COLUMNS = "id, area, framework, catalogue_version, title, fieldwork_start, "
            + "fieldwork_end, status, version, opened_by, opened_at";

    @Inject
    Pool pool;

    @Inject
    EventLog log;

    public Uni<InspectionView> inspection(SqlClient c, String id) {
        return c.preparedQuery("SELECT " + INSPECTION_COLUMNS + " FROM inspection WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("inspection", "no inspection " + id);
                    }
                    return inspectionView(rows.iterator().next());
                });
    }

    public Uni<InspectionView> inspection(String id) {
        return inspection(pool, id);
    }

    /** The inspection as commands see it (area, status, team), for access checks. */
    public Uni<dev.inspectorate.caseassessment.domain.Inspection> inspectionState(String id) {
        return WriteModel.inspection(pool, id);
    }

    /** Inspections, newest first; those of one area only when {@code area} is given. */
    public Uni<List<InspectionView>> inspections(Optional<String> area) {
        String sql = "SELECT " + INSPECTION_COLUMNS + " FROM inspection"
                + (area.isPresent() ? " WHERE area = $1" : "") + " ORDER BY opened_at DESC, id";
        return pool.preparedQuery(sql).execute(area.map(Tuple::of).orElse(Tuple.tuple())).map(rows -> {
            List<InspectionView> out = new ArrayList<>();
            rows.forEach(r -> out.add(inspectionView(r)));
            return out;
        });
    }

    public Uni<List<Views.TeamMember>> team(String id) {
        return pool.preparedQuery("SELECT user_name, role FROM team_member WHERE inspection_id = $1 ORDER BY role, user_name")
                .execute(Tuple.of(id)).map(rows -> {
                    List<Views.TeamMember> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Views.TeamMember(r.getString("user_name"), TeamRole.fromId(r.getString("role")))));
                    return out;
                });
    }

    /** The sample, with each case's progress; only the cases of the given assignee when one is named. */
    public Uni<List<Views.CaseSummary>> cases(SqlClient c, String id, Framework framework, Optional<String> assignee,
            Optional<List<String>> caseIds) {
        String filter = assignee.isPresent() ? " AND c.assignee = $2" : caseIds.isPresent() ? " AND c.case_id = ANY($2)" : "";
        Tuple args = assignee.isPresent() ? Tuple.of(id, assignee.get())
                : caseIds.map(ids -> Tuple.of(id, ids.toArray(String[]::new))).orElse(Tuple.of(id));
        Catalogue catalogue = Catalogues.of(framework);
        return c.preparedQuery("""
                        SELECT c.case_id, c.characteristics::text AS characteristics, c.status, c.assignee, c.version,
                               coalesce(array_agg(j.question_id) FILTER (WHERE j.question_id IS NOT NULL), '{}') AS answered
                        FROM sampled_case c LEFT JOIN judgement j USING (inspection_id, case_id)
                        WHERE c.inspection_id = $1""" + filter + " GROUP BY c.inspection_id, c.case_id ORDER BY c.case_id")
                .execute(args)
                .map(rows -> {
                    List<Views.CaseSummary> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(summary(id, r, catalogue));
                    }
                    return out;
                });
    }

    /** A case with its judgements, in one query: it answers every command on a case. */
    public Uni<Views.CaseDetail> caseDetail(SqlClient c, String id, Framework framework, String caseId) {
        return c.preparedQuery("""
                        SELECT c.case_id, c.characteristics::text AS characteristics, c.status, c.assignee, c.version,
                               j.question_id, j.answer, j.note, j.assessor, j.recorded_at, j.moderated_by, j.moderation_reason
                        FROM sampled_case c LEFT JOIN judgement j USING (inspection_id, case_id)
                        WHERE c.inspection_id = $1 AND c.case_id = $2""")
                .execute(Tuple.of(id, caseId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("case", "no case " + caseId + " in inspection " + id);
                    }
                    Catalogue catalogue = Catalogues.of(framework);
                    Map<String, Views.Judgement> byQuestion = new HashMap<>();
                    Row caseRow = null;
                    for (Row r : rows) {
                        caseRow = r;
                        if (r.getString("question_id") != null) {
                            byQuestion.put(r.getString("question_id"), new Views.Judgement(
                                    r.getString("question_id"), Answer.valueOf(r.getString("answer")), r.getString("note"),
                                    r.getString("assessor"), r.getOffsetDateTime("recorded_at"), r.getString("moderated_by"),
                                    r.getString("moderation_reason")));
                        }
                    }
                    Views.CaseSummary summary = summary(id, caseRow, byQuestion.keySet(), catalogue);
                    List<Views.Judgement> judgements = new ArrayList<>();
                    List<String> unanswered = new ArrayList<>();
                    for (var q : catalogue.questions()) {
                        Views.Judgement j = byQuestion.get(q.id());
                        if (j != null) {
                            judgements.add(j);
                        } else if (q.canApplyTo(summary.characteristics())) {
                            unanswered.add(q.id());
                        }
                    }
                    return new Views.CaseDetail(summary, judgements, unanswered);
                });
    }

    public Uni<List<Views.HistoryEntry>> history(SqlClient c, String id, String caseId) {
        return history(c, Streams.ofCase(id, caseId), new NotFoundException("case", "no case " + caseId + " in inspection " + id));
    }

    /** The inspection's own stream: opening, team changes, grades, conclusions, closure. */
    public Uni<List<Views.HistoryEntry>> inspectionHistory(String id) {
        return history(pool, Streams.inspection(id), new NotFoundException("inspection", "no inspection " + id));
    }

    private Uni<List<Views.HistoryEntry>> history(SqlClient c, String streamId, NotFoundException none) {
        return log.read(c, streamId).map(events -> {
            if (events.isEmpty()) {
                throw none;
            }
            List<Views.HistoryEntry> out = new ArrayList<>();
            for (var e : events) {
                JsonNode meta = json(e.metadata());
                out.add(new Views.HistoryEntry(e.streamVersion(), e.type(), e.recordedAt(),
                        meta.path("actor").asText(null), json(e.data())));
            }
            return out;
        });
    }

    public Uni<List<Views.AssessorProgress>> progress(String id) {
        return pool.preparedQuery("""
                        SELECT c.assignee,
                               count(DISTINCT c.case_id) AS cases,
                               count(DISTINCT c.case_id) FILTER (WHERE c.status = 'SUBMITTED') AS submitted,
                               count(DISTINCT c.case_id) FILTER (WHERE c.status = 'WITHDRAWN') AS withdrawn,
                               count(j.question_id) AS judgements
                        FROM sampled_case c LEFT JOIN judgement j USING (inspection_id, case_id)
                        WHERE c.inspection_id = $1 AND c.assignee IS NOT NULL
                        GROUP BY c.assignee ORDER BY c.assignee""")
                .execute(Tuple.of(id)).map(rows -> {
                    List<Views.AssessorProgress> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Views.AssessorProgress(r.getString("assignee"), r.getInteger("cases"),
                            r.getInteger("submitted"), r.getInteger("withdrawn"), r.getInteger("judgements"))));
                    return out;
                });
    }

    public Uni<Views.GradesAndConclusions> gradesAndConclusions(String id) {
        return pool.preparedQuery("SELECT criterion_id, grade, graded_by, graded_at FROM grade WHERE inspection_id = $1 ORDER BY criterion_id")
                .execute(Tuple.of(id))
                .flatMap(grades -> pool.preparedQuery("""
                                SELECT criterion_id, conclusion, recorded_by, recorded_at FROM conclusion
                                WHERE inspection_id = $1 ORDER BY criterion_id""")
                        .execute(Tuple.of(id))
                        .map(conclusions -> {
                            List<Views.Grade> g = new ArrayList<>();
                            grades.forEach(r -> g.add(new Views.Grade(r.getString("criterion_id"), r.getString("grade"),
                                    r.getString("graded_by"), r.getOffsetDateTime("graded_at"))));
                            List<Views.Conclusion> c = new ArrayList<>();
                            conclusions.forEach(r -> c.add(new Views.Conclusion(r.getString("criterion_id"),
                                    r.getString("conclusion"), r.getString("recorded_by"), r.getOffsetDateTime("recorded_at"))));
                            return new Views.GradesAndConclusions(g, c);
                        }));
    }

    /** How many events the event store holds: what a refused command must leave unchanged. */
    public Uni<Long> eventCount() {
        return pool.query("SELECT count(*) AS n FROM events").execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    private static Views.CaseSummary summary(String id, Row r, Catalogue catalogue) {
        return summary(id, r, new HashSet<>(List.of(r.getArrayOfStrings("answered"))), catalogue);
    }

    private static Views.CaseSummary summary(String id, Row r, Set<String> answered, Catalogue catalogue) {
        CaseCharacteristics ch = WriteModel.characteristics(r.getString("characteristics"));
        int applicable = 0;
        int done = 0;
        for (var q : catalogue.questions()) {
            if (q.canApplyTo(ch)) {
                applicable++;
                if (answered.contains(q.id())) {
                    done++;
                }
            }
        }
        return new Views.CaseSummary(id, r.getString("case_id"), ch, CaseStatus.valueOf(r.getString("status")),
                r.getString("assignee"), done, applicable, r.getLong("version"));
    }

    static InspectionView inspectionView(Row r) {
        return new InspectionView(r.getString("id"), r.getString("area"), Framework.fromId(r.getString("framework")),
                r.getInteger("catalogue_version"), r.getString("title"), r.getLocalDate("fieldwork_start"),
                r.getLocalDate("fieldwork_end"), InspectionStatus.valueOf(r.getString("status")), r.getLong("version"),
                r.getString("opened_by"), r.getOffsetDateTime("opened_at"));
    }

    private static JsonNode json(String s) {
        try {
            return EventJson.mapper().readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
