using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Whether a candidate sentence is about the entity the question names: the name stands in the sentence, the
/// one before it (where a pronoun's antecedent usually is) or its story's title. "It has a catalogue of around 60,000
/// songs" follows a sentence about Wippit in a story about Napster: it does not say how many songs AllofMP3 had, however
/// well its figure fits "how many songs … catalogue". A question that names nothing (a follow-up: "how much did it
/// cost?") passes every sentence.</summary>
public static class AskedEntity
{
    /// <summary>A test for each candidate of <paramref name="passages"/>: true when the sentence, the one before or the
    /// title holds every term of at least one name the question types, and every name the question types in lower
    /// case that the stories write capitalised (<see cref="StoryNames"/>: "us" in "how many copies did it sell in the
    /// us"; spelt out counts, "World Trade Organisation" for "wto").</summary>
    public static Func<AnswerCandidate, bool> Near(QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages)
    {
        var names = question.Names
            .Select(TextAnalyzer.TermSet)
            .Where(terms => terms.Count > 0)
            .ToList();
        var storyNames = StoryNames.In(question.AskedText, question.Names, passages);
        if (names.Count == 0 && storyNames.Count == 0) return _ => true;
        return candidate =>
        {
            if (candidate.Rank < 0 || candidate.Rank >= passages.Count) return true;
            var passage = passages[candidate.Rank];
            var previous = "";
            if (candidate.Position > 0 && candidate.Position <= passage.Sentences.Count)
            {
                var (start, length) = passage.Sentences[candidate.Position - 1].Span;
                previous = passage.Passage.Text.Substring(start, length);
            }
            string[] around = [passage.Passage.Title, candidate.Text, previous];
            var near = TextAnalyzer.TermSet(passage.Passage.Title);
            near.UnionWith(candidate.Terms);
            near.UnionWith(TextAnalyzer.Terms(previous));
            return (names.Count == 0 || names.Any(name => name.All(near.Contains)))
                && storyNames.All(name => around.Any(text => StoryNames.Holds(text, name)));
        };
    }
}
