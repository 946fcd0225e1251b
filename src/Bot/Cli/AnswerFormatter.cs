using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Newsdesk.Chat;

namespace Newsdesk.Cli;

/// <summary>How <c>ask</c> prints an answer: for a person, or as one JSON object per answer.</summary>
public static class AnswerFormatter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static string ForPerson(Answer answer)
    {
        var text = new StringBuilder(answer.Text).AppendLine();
        if (answer.Citations.Count > 0)
        {
            text.AppendLine().AppendLine("Sources:");
            foreach (var citation in answer.Citations)
                text.AppendLine($"  [{citation.Number}] {citation.Title} ({citation.Url?.ToString() ?? citation.Source})");
        }
        if (answer.FallbackReason is not null) text.AppendLine().AppendLine($"Note: {answer.FallbackReason}");
        return text.ToString();
    }

    /// <summary>"answered", "partial" or "not-covered": a partly covered reply has <c>answered: false</c> but cites
    /// what the stories do say.</summary>
    public static string CoverageName(AnswerCoverage coverage) => coverage switch
    {
        AnswerCoverage.Answered => "answered",
        AnswerCoverage.Partial => "partial",
        _ => "not-covered",
    };

    public static string ForMachine(Answer answer) => JsonSerializer.Serialize(new
    {
        question = answer.Question,
        answered = answer.IsAnswered,
        coverage = CoverageName(answer.Coverage),
        missing = answer.Missing,
        answer = answer.Text,
        citations = answer.Citations.Select(c => new
        {
            number = c.Number,
            source = c.Url?.ToString() ?? c.Source,
            title = c.Title,
            quote = c.Quote,
        }),
        backend = answer.Backend,
        fallback = answer.FallbackReason,
        nearbyTopics = answer.NearbyTopics,
    }, Json);
}
