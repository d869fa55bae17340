package dev.inspectorate.caseassessment.domain;

import dev.inspectorate.frameworks.Catalogue;
import dev.inspectorate.frameworks.Criterion;
import dev.inspectorate.frameworks.Question;
import dev.inspectorate.frameworks.ScoringRules;
import java.util.List;
import java.util.Optional;

/**
 * The rules of the inspection workflow, each a pure function from the current state and a command to the reason
 * it is refused, if it is. Whether the caller may act comes first: someone who may not gets 403 whatever the state.
 */
public final class Rules {
    private Rules() {}

    public static Optional<Refusal> open(Inspection inspection) {
        return inspection.status() == InspectionStatus.CLOSED
                ? Optional.of(Refusal.state("inspection", "the inspection is closed"))
                : Optional.empty();
    }

    /** Lead actions on an inspection are for its own lead inspectors. */
    public static Optional<Refusal> lead(Inspection inspection, String actor) {
        return inspection.isLead(actor)
                ? Optional.empty()
                : Optional.of(Refusal.forbidden("inspection", "only a lead inspector of inspection " + inspection.id() + " may do this"));
    }

    /** Reading the sample and its judgements is for the inspection's team. */
    public static Optional<Refusal> member(Inspection inspection, String actor) {
        return inspection.isMember(actor)
                ? Optional.empty()
                : Optional.of(Refusal.forbidden("inspection", "you are not on the team of inspection " + inspection.id()));
    }

    /**
     * Who may record a judgement on a case: its assignee while on the team, or a lead inspector of the inspection.
     * A judgement the lead moderated is the lead's to change: the assessor's revision would silently undo it (409).
     */
    public static Optional<Refusal> judge(Inspection inspection, SampledCase c, String questionId, String actor) {
        return first(
                mayWorkOn(inspection, c, actor),
                open(inspection),
                caseOpenForJudging(c),
                questionFor(inspection.catalogue(), c, questionId, "question"),
                moderatedByLead(inspection, c, questionId, actor));
    }

    private static Optional<Refusal> moderatedByLead(Inspection inspection, SampledCase c, String questionId, String actor) {
        SampledCase.Judged j = c.judgements().get(questionId);
        if (j == null || j.moderatedBy() == null || inspection.isLead(actor)) {
            return Optional.empty();
        }
        return Optional.of(Refusal.state("question", "the judgement on question " + questionId + " of case " + c.caseId()
                + " was moderated by " + j.moderatedBy() + "; only a lead inspector of the inspection may revise it"));
    }

    /**
     * A member leaves the team only once the cases they are still reading are reassigned (or withdrawn): nobody
     * else could record or submit them, and an inspectorate reassigns work explicitly. Submitted and withdrawn cases
     * keep their assignee, the record of who read them.
     */
    public static Optional<Refusal> removeMember(Inspection inspection, String user, List<String> casesInProgress,
            String actor) {
        return first(
                lead(inspection, actor),
                open(inspection),
                inspection.isMember(user) ? Optional.empty() : Optional.of(Refusal.state("user", user + " is not on the team")),
                inspection.isLead(user) && inspection.team().values().stream().filter(r -> r == TeamRole.LEAD_INSPECTOR).count() == 1
                        ? Optional.of(Refusal.state("user", "the inspection would have no lead inspector left"))
                        : Optional.empty(),
                casesInProgress.isEmpty() ? Optional.empty() : Optional.of(Refusal.state("user", user + " is still "
                        + "assigned " + casesInProgress.size() + " case(s) in progress; reassign them first: "
                        + String.join(", ", casesInProgress.subList(0, Math.min(20, casesInProgress.size()))))));
    }

    public static Optional<Refusal> moderate(Inspection inspection, SampledCase c, String questionId, String actor) {
        return first(
                lead(inspection, actor),
                open(inspection),
                c.status() == CaseStatus.WITHDRAWN
                        ? Optional.of(Refusal.state("case", "the case was withdrawn from the sample")) : Optional.empty(),
                questionFor(inspection.catalogue(), c, questionId, "question"),
                c.answers().containsKey(questionId) ? Optional.empty()
                        : Optional.of(Refusal.state("question", "question " + questionId
                                + " has no judgement to moderate on case " + c.caseId())));
    }

    /** Submission needs every applicable question answered; the refusal lists the rest. */
    public static Optional<Refusal> submit(Inspection inspection, SampledCase c, String actor) {
        Optional<Refusal> basic = first(mayWorkOn(inspection, c, actor), open(inspection), caseOpenForJudging(c));
        if (basic.isPresent()) {
            return basic;
        }
        List<String> missing = c.unanswered(inspection.catalogue());
        return missing.isEmpty() ? Optional.empty() : Optional.of(Refusal.incomplete(missing));
    }

    public static Optional<Refusal> reopen(Inspection inspection, SampledCase c, String actor) {
        return first(
                mayWorkOn(inspection, c, actor),
                open(inspection),
                c.status() == CaseStatus.SUBMITTED ? Optional.empty()
                        : Optional.of(Refusal.state("case", "case " + c.caseId() + " is not submitted")));
    }

    public static Optional<Refusal> withdraw(Inspection inspection, SampledCase c, String actor) {
        return first(
                lead(inspection, actor),
                open(inspection),
                c.status() == CaseStatus.WITHDRAWN
                        ? Optional.of(Refusal.state("case", "case " + c.caseId() + " is already withdrawn")) : Optional.empty());
    }

    public static Optional<Refusal> assign(Inspection inspection, SampledCase c, String assignee, String actor) {
        return first(
                lead(inspection, actor),
                open(inspection),
                c.status() == CaseStatus.WITHDRAWN
                        ? Optional.of(Refusal.state("case", "case " + c.caseId() + " was withdrawn")) : Optional.empty(),
                inspection.isMember(assignee) ? Optional.empty()
                        : Optional.of(Refusal.rule("assignee", assignee + " is not on the inspection team")));
    }

    /** Graded criteria take a grade of their scale, from the lead inspector. */
    public static Optional<Refusal> grade(Inspection inspection, String criterionId, String grade, String actor) {
        Catalogue catalogue = inspection.catalogue();
        Optional<Criterion> criterion = catalogue.criterion(criterionId);
        if (criterion.isEmpty() || criterion.get().caseScored()) {
            return first(lead(inspection, actor), open(inspection), Optional.of(Refusal.rule("criterion",
                    "no graded criterion " + criterionId + " in " + catalogue.framework().id() + "; graded: "
                            + catalogue.criteria().stream().filter(c -> !c.caseScored()).map(Criterion::id).toList())));
        }
        List<String> scale = catalogue.gradeScales().get(criterion.get().gradeScale());
        return first(lead(inspection, actor), open(inspection), scale.contains(grade) ? Optional.empty()
                : Optional.of(Refusal.rule("grade", "must be one of " + scale)));
    }

    /**
     * A conclusion confirms or overrides the band of a case-scored criterion, or of a headline score (OMI2's
     * improvement comments): one of its band labels.
     */
    public static Optional<Refusal> conclude(Inspection inspection, String criterionId, String conclusion, String actor) {
        Catalogue catalogue = inspection.catalogue();
        Optional<String> bands = catalogue.criterion(criterionId).filter(c -> c.caseScored() && c.bands() != null)
                .map(Criterion::bands)
                .or(() -> catalogue.scoring().threads().stream().filter(t -> t.id().equals(criterionId) && t.bands() != null)
                        .map(ScoringRules.ThreadRule::bands).findFirst());
        if (bands.isEmpty()) {
            return first(lead(inspection, actor), open(inspection), Optional.of(Refusal.rule("criterion",
                    "no case-scored criterion or headline score " + criterionId + " with conclusions")));
        }
        List<String> labels = catalogue.bands().get(bands.get()).stream().map(b -> b.label()).toList();
        return first(lead(inspection, actor), open(inspection), labels.contains(conclusion) ? Optional.empty()
                : Optional.of(Refusal.rule("conclusion", "must be one of " + labels)));
    }

    /** Closing needs every case submitted or withdrawn. */
    public static Optional<Refusal> close(Inspection inspection, List<String> casesInProgress, String actor) {
        return first(lead(inspection, actor), open(inspection), casesInProgress.isEmpty() ? Optional.empty()
                : Optional.of(Refusal.state("cases", casesInProgress.size() + " case(s) are still in progress: "
                        + String.join(", ", casesInProgress.subList(0, Math.min(20, casesInProgress.size()))))));
    }

    /** The case's assignee, while still on the team, or a lead inspector of the inspection. */
    private static Optional<Refusal> mayWorkOn(Inspection inspection, SampledCase c, String actor) {
        if (inspection.isLead(actor) || (actor.equals(c.assignee()) && inspection.isMember(actor))) {
            return Optional.empty();
        }
        if (actor.equals(c.assignee())) {
            return Optional.of(Refusal.forbidden("case", "you are no longer on the team of inspection " + inspection.id()));
        }
        return Optional.of(Refusal.forbidden("case", c.assignee() == null
                ? "case " + c.caseId() + " is not assigned to anyone yet"
                : "case " + c.caseId() + " is assigned to someone else"));
    }

    private static Optional<Refusal> caseOpenForJudging(SampledCase c) {
        return switch (c.status()) {
            case WITHDRAWN -> Optional.of(Refusal.state("case", "the case was withdrawn from the sample"));
            case SUBMITTED -> Optional.of(Refusal.state("case", "the case was submitted; reopen it to change its judgements"));
            case IN_PROGRESS -> Optional.empty();
        };
    }

    /** The question exists in the framework and can apply to this case. */
    public static Optional<Refusal> questionFor(Catalogue catalogue, SampledCase c, String questionId, String field) {
        Optional<Question> question = catalogue.question(questionId);
        if (question.isEmpty()) {
            return Optional.of(Refusal.rule(field,
                    "no question " + questionId + " in the " + catalogue.framework().id() + " catalogue"));
        }
        if (!question.get().canApplyTo(c.characteristics())) {
            return Optional.of(Refusal.rule(field,
                    "question " + questionId + " cannot apply to case " + c.caseId() + ", given its characteristics"));
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static Optional<Refusal> first(Optional<Refusal>... checks) {
        for (Optional<Refusal> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}
