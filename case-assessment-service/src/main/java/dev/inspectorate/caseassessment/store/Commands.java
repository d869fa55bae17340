package dev.inspectorate.caseassessment.store;

import dev.inspectorate.caseassessment.api.OpenInspection;
import dev.inspectorate.caseassessment.api.Requests.BatchItem;
import dev.inspectorate.caseassessment.api.SampleEntry;
import dev.inspectorate.caseassessment.domain.BatchRefusedException;
import dev.inspectorate.caseassessment.domain.CaseStatus;
import dev.inspectorate.caseassessment.domain.Inspection;
import dev.inspectorate.caseassessment.domain.Refusal;
import dev.inspectorate.caseassessment.domain.RefusedException;
import dev.inspectorate.caseassessment.domain.Rules;
import dev.inspectorate.caseassessment.domain.SampledCase;
import dev.inspectorate.caseassessment.domain.Streams;
import dev.inspectorate.caseassessment.domain.TeamRole;
import dev.inspectorate.events.payload.CaseAssessmentReopened;
import dev.inspectorate.events.payload.CaseAssessmentSubmitted;
import dev.inspectorate.events.payload.CaseAssigned;
import dev.inspectorate.events.payload.CaseSampled;
import dev.inspectorate.events.payload.CaseWithdrawn;
import dev.inspectorate.events.payload.ConclusionRecorded;
import dev.inspectorate.events.payload.GradeRecorded;
import dev.inspectorate.events.payload.InspectionClosed;
import dev.inspectorate.events.payload.InspectionOpened;
import dev.inspectorate.events.payload.JudgementModerated;
import dev.inspectorate.events.payload.JudgementRecorded;
import dev.inspectorate.events.payload.TeamMemberRemoved;
import dev.inspectorate.events.payload.TeamMemberSet;
import dev.inspectorate.frameworks.Answer;
import dev.inspectorate.frameworks.Catalogues;
import dev.inspectorate.messaging.EventLog;
import dev.inspectorate.messaging.StreamAppend;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The workflow's commands. Each runs in one transaction: load the stream's current state, check the rules,
 * append the events at the version it loaded (or the caller's If-Match), and update the current-state tables.
 * A refused command appends nothing. Case commands hold the inspection's lock shared and inspection commands hold
 * it exclusively ({@link WriteModel.Lock}), so each sees whether the other committed.
 */
@ApplicationScoped
public class Commands {
    @Inject
    EventLog log;

    /** Runs a command in a transaction; the relay publishes what it appended once it commits. */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return log.transaction(work);
    }

    public Uni<Void> open(SqlConnection tx, OpenInspection cmd, String actor, String idempotencyKey) {
        int version = Catalogues.of(cmd.framework()).version();
        return record(tx, List.of(new StreamAppend(Streams.inspection(cmd.id()), 0, cmd.id(), List.of(
                new InspectionOpened(cmd.id(), cmd.area(), cmd.framework(), version, cmd.title(),
                        cmd.fieldworkStart(), cmd.fieldworkEnd()),
                new TeamMemberSet(cmd.id(), actor, TeamRole.LEAD_INSPECTOR.id())), meta(actor, idempotencyKey))), actor);
    }

    public Uni<Void> setTeamMember(SqlConnection tx, String id, String user, TeamRole role, String actor,
            Optional<Long> ifMatch) {
        return onInspection(tx, id, actor, ifMatch, i -> {
            refuseIf(Rules.lead(i, actor).or(() -> Rules.open(i)));
            if (i.roleOf(user).filter(r -> r == role).isPresent()) {
                return List.of();
            }
            if (i.isLead(user) && role != TeamRole.LEAD_INSPECTOR && leads(i) == 1) {
                throw new RefusedException(Refusal.state("role", "the inspection would have no lead inspector left"));
            }
            return List.of(new TeamMemberSet(id, user, role.id()));
        });
    }

    /** Locks the inspection before looking at the member's cases: no assignment can change them meanwhile. */
    public Uni<Void> removeTeamMember(SqlConnection tx, String id, String user, String actor, Optional<Long> ifMatch) {
        return WriteModel.inspection(tx, id, WriteModel.Lock.UPDATE).flatMap(i -> {
            requireVersion(ifMatch, "inspection " + id, i.version());
            return tx.preparedQuery("""
                            SELECT case_id FROM sampled_case WHERE inspection_id = $1 AND assignee = $2 AND status = $3
                            ORDER BY case_id""")
                    .execute(Tuple.of(id, user, CaseStatus.IN_PROGRESS.name()))
                    .flatMap(rows -> {
                        List<String> inProgress = new ArrayList<>();
                        rows.forEach(r -> inProgress.add(r.getString("case_id")));
                        refuseIf(Rules.removeMember(i, user, inProgress, actor));
                        return appendToInspection(tx, i, List.of(new TeamMemberRemoved(id, user)), actor);
                    });
        });
    }

    /** Locks the inspection before counting the cases in progress: no case command can change them meanwhile. */
    public Uni<Void> close(SqlConnection tx, String id, String actor, Optional<Long> ifMatch) {
        return WriteModel.inspection(tx, id, WriteModel.Lock.UPDATE).flatMap(i -> {
            requireVersion(ifMatch, "inspection " + id, i.version());
            return tx.preparedQuery("SELECT case_id FROM sampled_case WHERE inspection_id = $1 AND status = $2 ORDER BY case_id")
                    .execute(Tuple.of(id, CaseStatus.IN_PROGRESS.name()))
                    .flatMap(rows -> {
                        List<String> inProgress = new ArrayList<>();
                        rows.forEach(r -> inProgress.add(r.getString("case_id")));
                        refuseIf(Rules.close(i, inProgress, actor));
                        return appendToInspection(tx, i, List.of(new InspectionClosed(id, actor)), actor);
                    });
        });
    }

    public Uni<Void> grade(SqlConnection tx, String id, String criterion, String grade, String actor,
            Optional<Long> ifMatch) {
        return onInspection(tx, id, actor, ifMatch, i -> {
            refuseIf(Rules.grade(i, criterion, grade, actor));
            return List.of(new GradeRecorded(id, criterion, grade, actor));
        });
    }

    public Uni<Void> conclude(SqlConnection tx, String id, String criterion, String conclusion, String actor,
            Optional<Long> ifMatch) {
        return onInspection(tx, id, actor, ifMatch, i -> {
            refuseIf(Rules.conclude(i, criterion, conclusion, actor));
            return List.of(new ConclusionRecorded(id, criterion, conclusion, actor));
        });
    }

    /** Adds cases to the sample, all or none. A case id already in the sample refuses the whole import. */
    public Uni<Void> sample(SqlConnection tx, String id, List<SampleEntry> entries, String actor, String idempotencyKey) {
        return WriteModel.inspection(tx, id, WriteModel.Lock.SHARE).flatMap(i -> {
            refuseIf(Rules.lead(i, actor).or(() -> Rules.open(i)));
            List<String> ids = entries.stream().map(SampleEntry::caseId).toList();
            return WriteModel.cases(tx, id, ids).flatMap(existing -> {
                if (!existing.isEmpty()) {
                    List<BatchRefusedException.Item> taken = new ArrayList<>();
                    for (int k = 0; k < entries.size(); k++) {
                        if (existing.containsKey(entries.get(k).caseId())) {
                            taken.add(new BatchRefusedException.Item(k, Refusal.state("caseId",
                                    "case " + entries.get(k).caseId() + " is already in the sample")));
                        }
                    }
                    throw new BatchRefusedException(taken);
                }
                List<StreamAppend> appends = new ArrayList<>();
                for (SampleEntry e : entries) {
                    appends.add(new StreamAppend(Streams.ofCase(id, e.caseId()), 0, id,
                            List.of(new CaseSampled(id, e.caseId(), e.characteristics())), meta(actor, idempotencyKey)));
                }
                return record(tx, appends, actor);
            });
        });
    }

    public Uni<Void> assign(SqlConnection tx, String id, String caseId, String assignee, String actor, Optional<Long> ifMatch) {
        return onCase(tx, id, caseId, actor, ifMatch, (i, c) -> {
            refuseIf(Rules.assign(i, c, assignee, actor));
            return assignee.equals(c.assignee()) ? List.of() : List.of(new CaseAssigned(id, caseId, assignee));
        });
    }

    public Uni<Void> withdraw(SqlConnection tx, String id, String caseId, String reason, String actor, Optional<Long> ifMatch) {
        return onCase(tx, id, caseId, actor, ifMatch, (i, c) -> {
            refuseIf(Rules.withdraw(i, c, actor));
            return List.of(new CaseWithdrawn(id, caseId, reason, actor));
        });
    }

    public Uni<Void> judge(SqlConnection tx, String id, String caseId, String question, Answer answer, String note,
            String actor, Optional<Long> ifMatch) {
        return onCase(tx, id, caseId, actor, ifMatch, (i, c) -> {
            refuseIf(Rules.judge(i, c, question, actor));
            // A retried PUT of what the case already holds changes nothing, so it appends nothing. With If-Match the
            // client asks for its write to be ordered after that version, so it is appended (and may lose the race).
            if (ifMatch.isEmpty() && holds(c, question, answer, note)) {
                return List.of();
            }
            return List.of(new JudgementRecorded(id, caseId, question, answer, note, actor));
        });
    }

    public Uni<Void> moderate(SqlConnection tx, String id, String caseId, String question, Answer answer, String reason,
            String actor, Optional<Long> ifMatch) {
        return onCase(tx, id, caseId, actor, ifMatch, (i, c) -> {
            refuseIf(Rules.moderate(i, c, question, actor));
            return List.of(new JudgementModerated(id, caseId, question, answer, c.answers().get(question), reason, actor));
        });
    }

    public Uni<Void> submit(SqlConnection tx, String id, String caseId, String actor, Optional<Long> ifMatch) {
        return onCase(tx, id, caseId, actor, ifMatch, (i, c) -> {
            refuseIf(Rules.submit(i, c, actor));
            return List.of(new CaseAssessmentSubmitted(id, caseId, actor));
        });
    }

    public Uni<Void> reopen(SqlConnection tx, String id, String caseId, String reason, String actor, Optional<Long> ifMatch) {
        return onCase(tx, id, caseId, actor, ifMatch, (i, c) -> {
            refuseIf(Rules.reopen(i, c, actor));
            return List.of(new CaseAssessmentReopened(id, caseId, actor, reason));
        });
    }

    /**
     * Records judgements on many cases at once: every item is checked first, and all are recorded or none. As with
     * one judgement, an item repeating what its case already holds appends nothing (a retried batch adds no history);
     * the result is how many items changed something.
     */
    public Uni<Integer> judgeBatch(SqlConnection tx, String id, List<BatchItem> items, String actor, String idempotencyKey) {
        return WriteModel.inspection(tx, id, WriteModel.Lock.SHARE).flatMap(i -> {
            LinkedHashSet<String> caseIds = new LinkedHashSet<>();
            items.forEach(item -> caseIds.add(item.caseId()));
            return WriteModel.cases(tx, id, caseIds).flatMap(cases -> {
                List<BatchRefusedException.Item> refused = new ArrayList<>();
                Map<String, List<Record>> byCase = new LinkedHashMap<>();
                for (int k = 0; k < items.size(); k++) {
                    BatchItem item = items.get(k);
                    SampledCase c = cases.get(item.caseId());
                    Optional<Refusal> r = c == null
                            ? Optional.of(Refusal.rule("caseId", "no case " + item.caseId() + " in inspection " + id))
                            : Rules.judge(i, c, item.questionId(), actor);
                    if (r.isPresent()) {
                        refused.add(new BatchRefusedException.Item(k, r.get()));
                    } else if (!holds(c, item.questionId(), item.answer(), item.note())) {
                        byCase.computeIfAbsent(item.caseId(), x -> new ArrayList<>()).add(new JudgementRecorded(
                                id, item.caseId(), item.questionId(), item.answer(), item.note(), actor));
                    }
                }
                if (!refused.isEmpty()) {
                    throw new BatchRefusedException(refused);
                }
                List<StreamAppend> appends = new ArrayList<>();
                byCase.forEach((caseId, events) -> appends.add(new StreamAppend(Streams.ofCase(id, caseId),
                        cases.get(caseId).version(), id, events, meta(actor, idempotencyKey))));
                int changed = byCase.values().stream().mapToInt(List::size).sum();
                return record(tx, appends, actor).replaceWith(changed);
            });
        });
    }

    /** Whether the case already holds this answer and note to the question. */
    private static boolean holds(SampledCase c, String question, Answer answer, String note) {
        SampledCase.Judged current = c.judgements().get(question);
        return current != null && current.answer() == answer && Objects.equals(current.note(), note);
    }

    private Uni<Void> onInspection(SqlConnection tx, String id, String actor, Optional<Long> ifMatch,
            Function<Inspection, List<Record>> decide) {
        return WriteModel.inspection(tx, id, WriteModel.Lock.UPDATE).flatMap(i -> {
            requireVersion(ifMatch, "inspection " + id, i.version());
            return appendToInspection(tx, i, decide.apply(i), actor);
        });
    }

    private Uni<Void> appendToInspection(SqlConnection tx, Inspection i, List<Record> events, String actor) {
        return record(tx, List.of(new StreamAppend(Streams.inspection(i.id()), i.version(), i.id(), events, meta(actor))), actor);
    }

    private Uni<Void> onCase(SqlConnection tx, String id, String caseId, String actor, Optional<Long> ifMatch,
            BiFunction<Inspection, SampledCase, List<Record>> decide) {
        return WriteModel.inspection(tx, id, WriteModel.Lock.SHARE)
                .flatMap(i -> WriteModel.sampledCase(tx, id, caseId).flatMap(c -> {
                    requireVersion(ifMatch, "case " + caseId, c.version());
                    List<Record> events = decide.apply(i, c);
                    return record(tx, List.of(new StreamAppend(Streams.ofCase(id, caseId), c.version(), id, events,
                            meta(actor))), actor);
                }));
    }

    private Uni<Void> record(SqlConnection tx, List<StreamAppend> appends, String actor) {
        List<Record> payloads = new ArrayList<>();
        appends.forEach(a -> payloads.addAll(a.payloads()));
        if (payloads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return log.append(tx, appends).flatMap(stored -> CurrentState.apply(tx, payloads, stored, actor));
    }

    private static void requireVersion(Optional<Long> ifMatch, String what, long current) {
        if (ifMatch.isPresent() && ifMatch.get() != current) {
            throw new PreconditionFailedException(what, ifMatch.get(), current);
        }
    }

    private static void refuseIf(Optional<Refusal> refusal) {
        if (refusal.isPresent()) {
            throw new RefusedException(refusal.get());
        }
    }

    private static long leads(Inspection i) {
        return i.team().values().stream().filter(r -> r == TeamRole.LEAD_INSPECTOR).count();
    }

    private static Map<String, String> meta(String actor) {
        return meta(actor, null);
    }

    /** The event metadata: who, and the Idempotency-Key of the request that appended it, if it had one. */
    private static Map<String, String> meta(String actor, String idempotencyKey) {
        return idempotencyKey == null ? Map.of("actor", actor) : Map.of("actor", actor, "idempotencyKey", idempotencyKey);
    }
}
