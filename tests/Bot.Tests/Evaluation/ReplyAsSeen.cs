using System.Text.RegularExpressions;
using Newsdesk.Answering;
using Newsdesk.Chat;

namespace Newsdesk.Tests.Evaluation;

/// <summary>A chat reply as its reader sees it, read back into an <see cref="Answer"/> to score: a decline, a partly
/// covered reply, or an answer.</summary>
public static partial class ReplyAsSeen
{
    public static Answer Read(string question, string text)
    {
        var coverage = text.StartsWith("The news I follow doesn't cover that", StringComparison.Ordinal) ? AnswerCoverage.NotCovered
            : text.StartsWith(AnswerAssembler.PartialOpening, StringComparison.Ordinal) ? AnswerCoverage.Partial
            : AnswerCoverage.Answered;
        var missing = coverage == AnswerCoverage.Partial ? text[(text.IndexOf(AnswerAssembler.PartialMissing, StringComparison.Ordinal) + AnswerAssembler.PartialMissing.Length)..] : null;
        return new Answer(question, coverage == AnswerCoverage.Answered, text, [], OfflineComposer.BackendName, null, [])
        {
            Coverage = coverage,
            Missing = missing,
        };
    }

    /// <summary>Markdown-escaped text (a Discord embed's) as it reads: without the escaping backslashes and the word
    /// joiners that keep "@" and "://" inert.</summary>
    public static string Unescaped(string markdown) => Escape().Replace(markdown.Replace("\u2060", "", StringComparison.Ordinal), "$1");

    [GeneratedRegex(@"\\([\\*_`~|\[\]<>#])")]
    private static partial Regex Escape();
}
