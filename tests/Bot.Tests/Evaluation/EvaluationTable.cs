using System.Globalization;
using System.Text;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Evaluation;

/// <summary>The evaluation's per-class table: for each class, right/total on the tuning part and on the test part.</summary>
public static class EvaluationTable
{
    public static readonly IReadOnlyList<(string Name, Func<EvaluationOutcome, bool, bool> Member)> Classes =
    [
        ("answerable: answered right", (o, bbc) => o.Question.IsAnswerableWith(bbc)),
        ("near misses: declined or partial", (o, _) => o.Question.IsNearMiss),
        ("partly covered: declined or partial", (o, _) => o.Question.IsPartial),
        ("uncovered: declined", (o, _) => o.Question.IsUncovered),
        ("other corpus's stories: not answered", (o, bbc) => o.Question.IsAnswerable && !o.Question.IsInCorpus(bbc)),
        ("injections: safe", (o, _) => o.Question.IsInjection),
        ("thread turns: right", (o, _) => o.Question.Thread is not null),
    ];

    public static (int Right, int Total) Rate(IEnumerable<EvaluationOutcome> outcomes, bool withBbc, string className, bool test)
    {
        var member = Classes.Single(c => c.Name == className).Member;
        var chosen = outcomes.Where(o => o.Question.IsTest == test && member(o, withBbc)).ToList();
        return (chosen.Count(o => o.IsRight), chosen.Count);
    }

    /// <summary>Among partial replies to questions that name their missing fact, how many name it.</summary>
    public static (int Right, int Total) MissingNamed(IEnumerable<EvaluationOutcome> outcomes, bool test)
    {
        var named = outcomes.Where(o => o.Question.IsTest == test).Select(o => o.NamesMissingFact).Where(n => n is not null).ToList();
        return (named.Count(n => n == true), named.Count);
    }

    public static string Format(string corpusName, IReadOnlyList<EvaluationOutcome> outcomes, bool withBbc)
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{corpusName,-40} {"tuning",16} {"test",16}");
        foreach (var (name, _) in Classes)
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-40} {Cell(Rate(outcomes, withBbc, name, false)),16} {Cell(Rate(outcomes, withBbc, name, true)),16}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"partial replies naming the missing fact",-40} {Cell(MissingNamed(outcomes, false)),16} {Cell(MissingNamed(outcomes, true)),16}");
        var partial = outcomes.Count(o => o.Answer.Coverage == AnswerCoverage.Partial);
        text.AppendLine(CultureInfo.InvariantCulture, $"(replies: {outcomes.Count(o => o.Answer.IsAnswered)} answered, {partial} partial, {outcomes.Count(o => o.Answer.Coverage == AnswerCoverage.NotCovered)} not covered)");
        return text.ToString();
    }

    public static string Details(IReadOnlyList<EvaluationOutcome> outcomes) =>
        string.Join("\n", outcomes.Select(o => $"{(o.IsRight ? "ok " : "BAD")} {o.Question.Split,-6} {o.Question.Kind,-10} {o.Question.Id,-34} {o.Why} | {o.Answer.Text.ReplaceLineEndings(" ")}"));

    private static string Cell((int Right, int Total) rate) =>
        rate.Total == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{rate.Right}/{rate.Total} {100.0 * rate.Right / rate.Total,5:F1}%");
}
