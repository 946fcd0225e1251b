using System.Security.Cryptography;
using System.Text;
using Newsdesk.Answering;
using Newsdesk.Corpus;
using Newsdesk.Tests.Evaluation;
using Newsdesk.Text;

namespace Newsdesk.Benchmarks;

/// <summary>A training set made from the corpus itself. A cloze question masks a date, an amount of money or a count in
/// a corpus sentence and asks for it ("when did the BPI win the right to sue …?" style, with the sentence's other
/// words as the question); its fact is the masked span. A near miss asks the same kind about a sentence whose whole
/// passage states nothing of that kind (a "when" about a passage with no date): topic covered, fact absent. Questions
/// are split into train and test by a hash of the passage, so no passage feeds both.</summary>
public static class SelfSupervisedSet
{
    // One passage in this many is used: a few hundred questions, enough for 17 weights, quick to retrieve.
    private const int PassageStride = 12;
    private const int MinWords = 10;
    private const int MaxWords = 40;

    private static readonly (AnswerKind Kind, string Wh)[] Kinds =
        [(AnswerKind.Date, "when"), (AnswerKind.Money, "how much money"), (AnswerKind.Count, "how many")];

    public static IReadOnlyList<EvaluationQuestion> Make(IReadOnlyList<StoredPassage> passages)
    {
        var questions = new List<EvaluationQuestion>();
        foreach (var passage in passages.Where((_, i) => i % PassageStride == 0))
        {
            var split = Hash(passage.Source + "#" + passage.Ordinal) % 5 == 0 ? "test" : "tuning";
            var sentences = SentenceSplitter.Split(passage.Text).Where(s => s.Split(' ').Length is >= MinWords and <= MaxWords).ToList();
            foreach (var (kind, wh) in Kinds)
            {
                var held = sentences.Select(s => (Sentence: s, Spans: TypedSpans.Find(kind, s))).FirstOrDefault(x => x.Spans.Count == 1);
                if (held.Sentence is not null)
                {
                    var (start, length) = held.Spans[0];
                    var fact = held.Sentence.Substring(start, length).Trim();
                    var masked = (held.Sentence[..start] + held.Sentence[(start + length)..]).Trim().TrimEnd('.', '!', '"');
                    questions.Add(new EvaluationQuestion($"self-{kind}-{passage.Id}", $"{wh} {Lower(masked)}?", "answerable", "bbc",
                        passage.Source, [[fact]], null, Split: split));
                }
                else if (sentences.Count > 0 && sentences.All(s => TypedSpans.Find(kind, s).Count == 0))
                {
                    // Nothing of this kind in the whole passage: asking for it is a near miss on a covered topic.
                    var sentence = sentences[0].Trim().TrimEnd('.', '!', '"');
                    questions.Add(new EvaluationQuestion($"self-miss-{kind}-{passage.Id}", $"{wh} {Lower(sentence)}?", "nearmiss", "bbc",
                        passage.Source, null, null, [wh], Split: split));
                }
            }
        }
        return questions;
    }

    private static string Lower(string sentence) => sentence.Length == 0 ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..];

    private static int Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[0];
}
