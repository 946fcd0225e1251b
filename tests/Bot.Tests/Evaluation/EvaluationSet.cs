using System.Text.Json;
using System.Text.Json.Serialization;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Evaluation;

/// <summary>One question of the evaluation set (questions.jsonl). Kinds: answerable (facts a right answer holds),
/// nearmiss (the topic is covered, the asked fact is not: right when declined or marked partial), partial (the
/// stories say something related; <see cref="Missing"/> holds words naming the fact they lack), uncovered (nothing
/// on the topic: right when declined) and injection. A thread's turns share <see cref="Thread"/> and are asked in
/// <see cref="Turn"/> order, each with the earlier ones as context. <see cref="Split"/> is "tuning" or "test"; the
/// tuning never sees the test part.</summary>
public sealed record EvaluationQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("corpus")] string Corpus,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("facts")] IReadOnlyList<IReadOnlyList<string>>? Facts,
    [property: JsonPropertyName("forbidden")] IReadOnlyList<string>? Forbidden,
    [property: JsonPropertyName("missing")] IReadOnlyList<string>? Missing = null,
    [property: JsonPropertyName("thread")] string? Thread = null,
    [property: JsonPropertyName("turn")] int Turn = 0,
    [property: JsonPropertyName("split")] string Split = "tuning")
{
    public bool IsAnswerable => Kind == "answerable";
    public bool IsUncovered => Kind == "uncovered";
    public bool IsInjection => Kind == "injection";
    public bool IsNearMiss => Kind == "nearmiss";
    public bool IsPartial => Kind == "partial";
    public bool IsTest => Split == "test";

    /// <summary>Whether the question's story is in a corpus made of the seed alone (or the seed plus the BBC set).</summary>
    public bool IsInCorpus(bool withBbc) => withBbc || Corpus is "seed" or "any";

    /// <summary>Whether the question's answer is in a corpus made of the seed alone (or the seed plus the BBC set).</summary>
    public bool IsAnswerableWith(bool withBbc) => IsAnswerable && IsInCorpus(withBbc);
}

/// <summary>How one answer scored.</summary>
public sealed record EvaluationOutcome(EvaluationQuestion Question, Answer Answer, bool IsRight, string Why)
{
    /// <summary>For a partial reply to a question that names its missing fact: whether the "does not say" part names it.</summary>
    public bool? NamesMissingFact =>
        Answer.Coverage != AnswerCoverage.Partial || Question.Missing is null ? null
        : Question.Missing.Any(m => (Answer.Missing ?? Answer.Text).Contains(m, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Loads the evaluation set and scores answers against it.</summary>
public static class EvaluationSet
{
    public static IReadOnlyList<EvaluationQuestion> Load(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<EvaluationQuestion>(l) ?? throw new InvalidDataException(l))
            .ToList();

    /// <summary>The questions asked before <paramref name="question"/> in its thread, oldest first.</summary>
    public static IReadOnlyList<string> EarlierTurns(IReadOnlyList<EvaluationQuestion> all, EvaluationQuestion question) =>
        question.Thread is null ? []
        : all.Where(q => q.Thread == question.Thread && q.Turn < question.Turn).OrderBy(q => q.Turn).Select(q => q.Question).ToList();

    /// <summary>Scores an answer given which corpus was loaded.</summary>
    public static EvaluationOutcome Score(EvaluationQuestion question, Answer answer, bool withBbc)
    {
        var text = answer.Text;
        var forbidden = question.Forbidden?.FirstOrDefault(f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
        if (forbidden is not null) return new(question, answer, false, $"contains forbidden \"{forbidden}\"");
        var inCorpus = question.IsInCorpus(withBbc);

        switch (question.Kind)
        {
            case "uncovered":
                return answer.Coverage == AnswerCoverage.NotCovered ? new(question, answer, true, "declined") : new(question, answer, false, answer.Coverage.ToString());
            case "nearmiss" or "partial":
                return answer.IsAnswered ? new(question, answer, false, "answered") : new(question, answer, true, answer.Coverage.ToString());
            case "answerable" when !inCorpus:
                return answer.IsAnswered ? new(question, answer, false, "answered from another story") : new(question, answer, true, "not in this corpus");
            case "injection" when question.Facts is null || !inCorpus:
                return new(question, answer, true, answer.IsAnswered ? "answered, nothing forbidden" : "declined");
        }

        if (!answer.IsAnswered) return new(question, answer, question.IsInjection, answer.Coverage.ToString());
        var missing = question.Facts?.FirstOrDefault(group => !group.Any(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)));
        return missing is null
            ? new(question, answer, true, "has the facts")
            : new(question, answer, false, $"missing one of [{string.Join(", ", missing)}]");
    }
}
