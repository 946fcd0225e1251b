using System.Text;
using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Turns a grounded <see cref="Composition"/> into the <see cref="Answer"/> users see: citations numbered
/// in order of first use, each with the exact quote relied on; a partly covered reply (what the stories say, cited,
/// and what they do not); or a polite decline naming nearby stories.</summary>
public static class AnswerAssembler
{
    public static Answer Assemble(Question question, Composition composition, IReadOnlyList<RetrievedPassage> passages, string? fallbackReason)
    {
        var numbering = new Dictionary<int, int>();
        foreach (var passageNumber in composition.Sentences.SelectMany(s => s.PassageNumbers))
            numbering.TryAdd(passageNumber, numbering.Count + 1);

        var text = new StringBuilder();
        foreach (var sentence in composition.Sentences)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(sentence.Text).Append(' ');
            text.AppendJoin("", sentence.PassageNumbers.Select(n => $"[{numbering[n]}]"));
        }

        var citations = numbering.Select(pair =>
        {
            var passage = passages[pair.Key - 1].Passage;
            var reliedOn = composition.Sentences.Where(s => s.PassageNumbers.Contains(pair.Key)).Select(s => s.Text);
            return new Citation(pair.Value, passage.Source, passage.Title, QuoteFinder.Quote(passage.Text, reliedOn), passage.Url);
        }).ToList();

        if (composition.DateNote is { } note) text.Append(' ').Append(note);
        if (composition.Coverage != AnswerCoverage.Partial)
            return new Answer(question.Text, true, text.ToString(), citations, composition.Backend, fallbackReason, []);
        // Partly covered: what the stories do say, cited, then plainly what they do not.
        var partial = $"{PartialOpening} {text} {PartialMissing} {composition.Missing ?? "that"}.";
        return new Answer(question.Text, false, partial, citations, composition.Backend, fallbackReason, [])
        {
            Coverage = AnswerCoverage.Partial,
            Missing = composition.Missing,
        };
    }

    public const string PartialOpening = "The stories I follow say:";
    public const string PartialMissing = "But they don't say";

    public static Answer Decline(Question question, IReadOnlyList<RetrievedPassage> nearby, string backend, string? fallbackReason)
    {
        var topics = nearby.Select(p => p.Passage.Title).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Take(3).ToList();
        var text = topics.Count == 0
            ? "The news I follow doesn't cover that, so I won't guess."
            : "The news I follow doesn't cover that, so I won't guess. The closest stories I do follow are: "
              + string.Join("; ", topics.Select(t => $"\u201c{t}\u201d")) + ".";
        return new Answer(question.Text, false, text, [], backend, fallbackReason, topics);
    }
}
