using Newsdesk.Retrieval;
using Newsdesk.Text;

namespace Newsdesk.Answering;

/// <summary>Whether a candidate sentence is about the entity the question names: the name stands in the sentence, the
/// one before it in the story (where a pronoun's antecedent usually is; across a passage's cut too) or its story's title,
/// or the sentence describes it ("the family" for "nogar's family", <see cref="EntityDescriptions"/>) one or two sentences
/// after a sentence naming it, or after a sentence of its story that writes the description with the name. "It has a catalogue of around 60,000
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
            .Select(name => (Typed: name, Terms: TextAnalyzer.TermSet(name)))
            .Where(name => name.Terms.Count > 0)
            .Select(name => (name.Typed, name.Terms, Descriptions: EntityDescriptions.Nouns(question.AskedText, [name.Typed], passages)))
            .ToList();
        var storyNames = StoryNames.In(question.AskedText, question.Names, passages)
            .Select(name => (Words: name, Descriptions: EntityDescriptions.Nouns(question.AskedText, name, passages)))
            .ToList();
        if (names.Count == 0 && storyNames.Count == 0) return _ => true;
        return candidate =>
        {
            if (candidate.Rank < 0 || candidate.Rank >= passages.Count) return true;
            var passage = passages[candidate.Rank];
            // The sentence that opens a passage follows the last one of the story's previous passage (a paragraph cut
            // in two); a thread's follow-up may have set earlier sentences aside, so "opens" is by its place in the text.
            var opensPassage = candidate.Position >= 0 && candidate.Position < passage.Sentences.Count && passage.Sentences[candidate.Position].Span.Start == 0;
            var previous = opensPassage ? passage.SentenceBefore : "";
            if (!opensPassage && candidate.Position > 0 && candidate.Position <= passage.Sentences.Count)
            {
                var (start, length) = passage.Sentences[candidate.Position - 1].Span;
                previous = passage.Passage.Text.Substring(start, length);
            }
            string[] around = [passage.Passage.Title, candidate.Text, previous];
            var near = TextAnalyzer.TermSet(passage.Passage.Title);
            near.UnionWith(candidate.Terms);
            near.UnionWith(TextAnalyzer.Terms(previous));
            // A description ("the family") stands for a name just after it (the sentence before, or the one before that),
            // or anywhere after an earlier sentence of its story writes the two together ("the family of sound
            // engineer Thorne Nogar"), in this passage or an earlier retrieved passage of the same story.
            var earlier = Enumerable.Range(1, Math.Max(0, Math.Min(candidate.Position, passage.Sentences.Count))).Select(back => SentenceBefore(passage, candidate.Position, back)).ToList();
            var storyBefore = passages
                .Where(p => p.Passage.DocumentId == passage.Passage.DocumentId && p.Passage.Ordinal < passage.Passage.Ordinal)
                // Read only where the candidate holds a description: most never do.
                .SelectMany(p => p.Sentences.Select(s => p.Passage.Text.Substring(s.Span.Start, s.Span.Length)));
            bool Described(IReadOnlySet<string> nouns, Func<string, bool> names) =>
                nouns.Any(noun => EntityDescriptions.Holds(candidate.Text, noun)
                    && (earlier.Select((text, back) => (text, back)).Any(s => names(s.text) && (s.back < 2 || EntityDescriptions.Holds(s.text, noun)))
                        || storyBefore.Any(text => names(text) && EntityDescriptions.Holds(text, noun))));
            bool Typed(string typed, HashSet<string> terms, string text) => terms.All(TextAnalyzer.TermSet(text).Contains) || InCompound(text, typed);
            return (names.Count == 0 || names.Any(name => name.Terms.All(near.Contains) || around.Any(text => InCompound(text, name.Typed))
                       || Described(name.Descriptions, text => Typed(name.Typed, name.Terms, text))))
                && storyNames.All(name => around.Any(text => StoryNames.Holds(text, name.Words))
                       || Described(name.Descriptions, text => StoryNames.Holds(text, name.Words)));
        };
    }

    // The sentence `back` sentences before the one at `position` in its passage; "" where the passage starts sooner.
    private static string SentenceBefore(RetrievedPassage passage, int position, int back)
    {
        if (position - back < 0 || position > passage.Sentences.Count) return "";
        var (start, length) = passage.Sentences[position - back].Span;
        return passage.Passage.Text.Substring(start, length);
    }

    /// <summary>Whether <paramref name="text"/> writes <paramref name="name"/> (one token) as a part of a longer name
    /// joined into one word, at a change of case or between letters and digits: "mp3" in "AllofMP3" and "MP3Sparks",
    /// "tunes" in "allTunes". A question about "those russian mp3 shops" is about the story titled "… AllofMP3
    /// shutdown", though no term of it is "mp3". Inside a word with no such seam ("bell" in "Campbell") it is no name.</summary>
    public static bool InCompound(string text, string name)
    {
        if (name.Length < 3 || !name.All(char.IsLetterOrDigit)) return false;
        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + name.Length;
            var wholeWord = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
            if (!wholeWord && (at == 0 || Seam(text[at - 1], text[at])) && (end == text.Length || Seam(text[end - 1], text[end]))) return true;
        }
        return false;
    }

    // A seam between two characters of one word: not a letter or digit on either side, lower case then upper case, or a
    // letter beside a digit.
    private static bool Seam(char before, char after) =>
        !char.IsLetterOrDigit(before) || !char.IsLetterOrDigit(after)
        || (char.IsLower(before) && char.IsUpper(after))
        || char.IsDigit(before) != char.IsDigit(after);
}
