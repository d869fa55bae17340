package dev.inspectorate.reporting.projection;

import dev.inspectorate.events.CloudEvent;
import dev.inspectorate.events.EventJson;
import dev.inspectorate.events.EventType;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.ConclusionRecorded;
import dev.inspectorate.events.payload.GradeRecorded;
import dev.inspectorate.events.payload.InspectionClosed;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.TeamMemberRemoved;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.messaging.Projection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the report needs from inspection-events: the inspection, its team (who may read drafts), the sample's
 * characteristics, grades and conclusions. Judgements are scoring's business and are skipped here.
 */
@ApplicationScoped
public class InspectionProjection implements Projection {

    @Override
    public String name() {
        return "reporting-inspections-v1";
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, List<CloudEvent> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(e -> statement(tx, e))
                .collect().last().replaceWithVoid();
    }

    private static Uni<?> statement(SqlConnection tx, CloudEvent e) {
        Optional<EventType> type = EventType.ofCeType(e.type());
        if (type.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return switch (type.get()) {
            case INSPECTION_OPENED -> {
                InspectionOpened o = EventJson.decode(e, InspectionOpened.class);
                yield tx.preparedQuery("""
                                INSERT INTO inspection (id, area, framework, title, fieldwork_start, fieldwork_end)
                                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING""")
                        .execute(Tuple.from(List.of(o.inspectionId(), o.area(), o.framework().id(), o.title(),
                                o.fieldworkStart(), o.fieldworkEnd())));
            }
            case TEAM_MEMBER_SET -> {
                TeamMemberSet t = EventJson.decode(e, TeamMemberSet.class);
                yield tx.preparedQuery("""
                                INSERT INTO team_member (inspection_id, user_name, role) VALUES ($1, $2, $3)
                                ON CONFLICT (inspection_id, user_name) DO UPDATE SET role = EXCLUDED.role""")
                        .execute(Tuple.of(t.inspectionId(), t.user(), t.role()));
            }
            case TEAM_MEMBER_REMOVED -> {
                TeamMemberRemoved t = EventJson.decode(e, TeamMemberRemoved.class);
                yield tx.preparedQuery("DELETE FROM team_member WHERE inspection_id = $1 AND user_name = $2")
                        .execute(Tuple.of(t.inspectionId(), t.user()));
            }
            case CASE_SAMPLED -> {
                CaseSampled s = EventJson.decode(e, CaseSampled.class);
                yield tx.preparedQuery("""
                                INSERT INTO sampled_case (inspection_id, case_id, characteristics) VALUES ($1, $2, $3::text::jsonb)
                                ON CONFLICT (inspection_id, case_id) DO NOTHING""")
                        .execute(Tuple.of(s.inspectionId(), s.caseId(),
                                new String(EventJson.encode(s.characteristics()), StandardCharsets.UTF_8)));
            }
            case CASE_WITHDRAWN -> {
                CaseWithdrawn w = EventJson.decode(e, CaseWithdrawn.class);
                yield tx.preparedQuery("UPDATE sampled_case SET withdrawn = true WHERE inspection_id = $1 AND case_id = $2")
                        .execute(Tuple.of(w.inspectionId(), w.caseId()));
            }
            case GRADE_RECORDED -> {
                GradeRecorded g = EventJson.decode(e, GradeRecorded.class);
                yield tx.preparedQuery("""
                                INSERT INTO grade (inspection_id, criterion_id, grade) VALUES ($1, $2, $3)
                                ON CONFLICT (inspection_id, criterion_id) DO UPDATE SET grade = EXCLUDED.grade""")
                        .execute(Tuple.of(g.inspectionId(), g.criterionId(), g.grade()));
            }
            case CONCLUSION_RECORDED -> {
                ConclusionRecorded c = EventJson.decode(e, ConclusionRecorded.class);
                yield tx.preparedQuery("""
                                INSERT INTO conclusion (inspection_id, criterion_id, conclusion) VALUES ($1, $2, $3)
                                ON CONFLICT (inspection_id, criterion_id) DO UPDATE SET conclusion = EXCLUDED.conclusion""")
                        .execute(Tuple.of(c.inspectionId(), c.criterionId(), c.conclusion()));
            }
            case INSPECTION_CLOSED -> {
                InspectionClosed c = EventJson.decode(e, InspectionClosed.class);
                yield tx.preparedQuery("UPDATE inspection SET status = 'CLOSED' WHERE id = $1").execute(Tuple.of(c.inspectionId()));
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
