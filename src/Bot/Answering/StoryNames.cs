using System.Text.RegularExpressions;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Names a chat question types in lower case that are ordinary words too ("us", "american", "encore"). The
/// retrieved stories tell the name from the word: news text capitalises a name inside a sentence ("the US chart",
/// "the average American") and not the word ("told us"). A word of the question that the stories write capitalised
/// inside their sentences, at least three times for every time they write it in lower case, is a name the question
/// asks about: a sentence that does not hold every such name (it, the one before it or its story's title) is about
/// something else ("The game sold more than 1 million copies in its first nine days" does not say how many copies an
/// album sold in the US).</summary>
public static partial class StoryNames
{
    private const int CapitalisedPerLowercase = 3;

    /// <summary>The lower-case words of <paramref name="asked"/> that <paramref name="passages"/> write as names,
    /// leaving out those inside a name the question already types (<paramref name="typedNames"/>); words next to each
    /// other form one name ("tarmac kings"). A one-word name the stories write as a first name also carries the surname
    /// they use alone for the same person ("richey" → "richey", "edwards").</summary>
    public static IReadOnlyList<IReadOnlyList<string>> In(string asked, IReadOnlyList<string> typedNames, IReadOnlyList<RetrievedPassage> passages)
    {
        var words = LowercaseWord().Matches(asked)
            .Where(m => !typedNames.Any(n => n.Contains(m.Value, StringComparison.OrdinalIgnoreCase)) && !NamesNothing(asked, m))
            .ToList();
        var counts = words.Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .ToDictionary(w => w, _ => (Capitalised: 0, Lowercase: 0), StringComparer.Ordinal);
        if (counts.Count == 0) return [];
        var neighbours = words.ToDictionary(m => m.Index, m => (Before: Beside(asked, m.Index, before: true), After: Beside(asked, m.Index + m.Length, before: false)));
        foreach (var passage in passages)
        foreach (var (span, _) in passage.Sentences)
        {
            var sentence = passage.Passage.Text.Substring(span.Start, span.Length);
            var tokens = Token().Matches(sentence);
            // A sentence's first word is capitalised whatever it is: it says nothing.
            for (var i = 1; i < tokens.Count; i++)
            {
                var word = Bare(tokens[i].Value);
                var key = word.ToLowerInvariant();
                if (!counts.TryGetValue(key, out var count) && !(key.EndsWith('s') && counts.TryGetValue(key = key[..^1], out count))) continue;
                if (!char.IsUpper(word[0])) { counts[key] = (count.Capitalised, count.Lowercase + 1); continue; }
                // Capitalised as one word of a longer name ("New York", "Everything Must Go"), it is that name's, not the
                // question's word, unless the question writes it with the same neighbour, or none, on that side: "the
                // new tour" is not "New York"; "tarmac kings" is "Tarmac Kings"; "at the brits?" may be "Brit Awards".
                var before = RunNeighbour(sentence, tokens, i, -1);
                var after = RunNeighbour(sentence, tokens, i, +1);
                var asWritten = words.Where(m => m.Value == key || m.Value == key + "s").Select(m => neighbours[m.Index]);
                if (asWritten.Any(q => Continues(q.Before, before) && Continues(q.After, after)))
                    counts[key] = (count.Capitalised + 1, count.Lowercase);
            }
        }
        var names = new List<List<string>>();
        Match? previous = null;
        foreach (var word in words.Where(m => counts[m.Value] is var c && c.Capitalised > 0 && c.Capitalised >= CapitalisedPerLowercase * c.Lowercase))
        {
            var end = previous is null ? -1 : previous.Index + previous.Length;
            if (previous is not null && asked[end..word.Index].All(char.IsWhiteSpace)) names[^1].Add(word.Value);
            else names.Add([word.Value]);
            previous = word;
        }
        foreach (var name in names.Where(n => n.Count == 1))
            if (Surname(name[0], passages) is { } surname) name.Add(surname);
        return names;
    }

    // News names a person in full once ("Richey Edwards") and by the surname after ("Edwards' parents", "Mr Edwards");
    // chat asks by the first name ("richey's parents"). Where the stories write the asked word as the first of a
    // two-word name and that name's second word on its own elsewhere, the second word names the same one: a sentence
    // holding it is about what was asked.
    private static string? Surname(string first, IReadOnlyList<RetrievedPassage> passages)
    {
        var sentences = passages.SelectMany(p => p.Sentences.Select(s => p.Passage.Text.Substring(s.Span.Start, s.Span.Length))).ToList();
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var tokens = Token().Matches(sentence);
            for (var i = 0; i + 1 < tokens.Count; i++)
            {
                var word = Bare(tokens[i].Value);
                if (!char.IsUpper(word[0]) || !IsForm(word, first) || RunNeighbour(sentence, tokens, i, -1) is not null) continue;
                if (RunNeighbour(sentence, tokens, i, +1) is not null && RunNeighbour(sentence, tokens, i + 1, +1) is null) candidates.Add(Bare(tokens[i + 1].Value));
            }
        }
        if (candidates.Count == 0) return null;
        foreach (var sentence in sentences)
        {
            var tokens = Token().Matches(sentence);
            for (var i = 1; i < tokens.Count; i++)
            {
                var word = Bare(tokens[i].Value);
                // Alone: no capitalised word joined to it on either side, the sentence's first word included ("Queen
                // Phoenix rose" does not write "Phoenix" alone).
                var joinedAfter = Bare(tokens[i - 1].Value) == tokens[i - 1].Value && char.IsUpper(tokens[i - 1].Value[0])
                    && !Article().IsMatch(tokens[i - 1].Value) && sentence[(tokens[i - 1].Index + tokens[i - 1].Length)..tokens[i].Index].All(char.IsWhiteSpace);
                if (candidates.Contains(word) && !joinedAfter && RunNeighbour(sentence, tokens, i, +1) is null)
                    return word.ToLowerInvariant();
            }
        }
        return null;
    }

    // The question's word right before or after a position, where only spaces part them ("new" → "tour" in "the new
    // tour"); null where punctuation or the question's end does ("brits?", "manics' royalties").
    private static string? Beside(string asked, int at, bool before)
    {
        var match = before ? TrailingWord().Match(asked[..at]) : LeadingWord().Match(asked[at..]);
        return match.Success ? match.Groups["word"].Value.ToLowerInvariant() : null;
    }

    // The capitalised word joined to token i on one side by spaces alone: the rest of a longer name. An article or a
    // title of address ("The Bravery", "Mr Harding") does not make a name longer.
    private static string? RunNeighbour(string sentence, MatchCollection tokens, int i, int side)
    {
        var j = i + side;
        // The sentence's first word is capitalised whatever it is ("Yesterday Queen announced").
        if (j < 1 || j >= tokens.Count) return null;
        var (first, second) = side < 0 ? (tokens[j], tokens[i]) : (tokens[i], tokens[j]);
        if (!sentence[(first.Index + first.Length)..second.Index].All(char.IsWhiteSpace)) return null;
        // A possessive ends the name before it ("The Manics' seventh album", "Presley's Graceland").
        if (Bare(first.Value) != first.Value) return null;
        var word = Bare(tokens[j].Value);
        return char.IsUpper(word[0]) && !Article().IsMatch(word) ? word.ToLowerInvariant() : null;
    }

    // The question's neighbour fits the name's where the name has none on that side, the question has none, or both
    // are the same word (in the singular or the plural).
    private static bool Continues(string? asked, string? name) =>
        name is null || asked is null || IsForm(name, asked) || IsForm(asked, name);

    /// <summary>Whether <paramref name="text"/> holds one of the words of <paramref name="name"/> capitalised (in the
    /// singular, the plural or the possessive: "Americans", "US's"), or spells the name out as words whose initials
    /// it is ("World Trade Organisation" for "wto").</summary>
    public static bool Holds(string text, IReadOnlyList<string> name)
    {
        var capitalised = Token().Matches(text).Select(m => (Word: Bare(m.Value), m.Index, m.Length)).ToList();
        if (capitalised.Any(t => char.IsUpper(t.Word[0]) && name.Any(n => IsForm(t.Word, n)))) return true;
        var initials = string.Concat(name).ToUpperInvariant();
        for (var start = 0; start + initials.Length <= capitalised.Count; start++)
        {
            var run = capitalised.Skip(start).Take(initials.Length).ToList();
            if (run.Select((t, i) => t.Word[0] == initials[i]).All(x => x)
                && run.Zip(run.Skip(1)).All(p => text[(p.First.Index + p.First.Length)..p.Second.Index].All(char.IsWhiteSpace))) return true;
        }
        return false;
    }

    // "who", "how" in a question ask; they name nothing, though a music story may write "The Who" or a title "How to
    // Dismantle an Atomic Bomb" often enough to pass for a name. Only "the who" may be the band. So with the particle
    // of a phrasal verb ("get locked up", "pushed back"): a song title "Pump Up" does not make "up" a name.
    private static bool NamesNothing(string asked, Match word) =>
        (Interrogative().IsMatch(word.Value) || Particle().IsMatch(word.Value))
        && !asked[..word.Index].TrimEnd().EndsWith("the", StringComparison.OrdinalIgnoreCase);

    private static bool IsForm(string word, string name) =>
        word.Equals(name, StringComparison.OrdinalIgnoreCase)
        || (word.Length == name.Length + 1 && word.EndsWith('s') && word.StartsWith(name, StringComparison.OrdinalIgnoreCase))
        // Chat pluralises a name the story writes in the singular: "grammys" for "Grammy Awards", "manics" for "Manic".
        || (word.Length >= 3 && name.Length == word.Length + 1 && name.EndsWith('s') && name.StartsWith(word, StringComparison.OrdinalIgnoreCase));

    private static string Bare(string token) =>
        token.EndsWith("'s", StringComparison.Ordinal) || token.EndsWith("’s", StringComparison.Ordinal) ? token[..^2] : token.TrimEnd('\'', '’', '.', '-');

    // Whole lower-case words of two letters or more, not the tail of a contraction ("what's").
    [GeneratedRegex(@"(?<![\w'’.-])[a-z]{2,}(?![\w-])")]
    private static partial Regex LowercaseWord();

    [GeneratedRegex(@"(?<![\w'’-])(?<word>[\p{L}\p{N}][\p{L}\p{N}'’-]*)[ \t]+$")]
    private static partial Regex TrailingWord();

    [GeneratedRegex(@"^[ \t]+(?<word>[\p{L}\p{N}][\p{L}\p{N}'’-]*)")]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"^(The|A|An|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)$")]
    private static partial Regex Article();

    [GeneratedRegex(@"^(who|whom|whose|what|which|when|where|why|how)$")]
    private static partial Regex Interrogative();

    [GeneratedRegex(@"^(up|down|out|off|back|away|over|on|in|around|about|through)$")]
    private static partial Regex Particle();

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}'’.-]*")]
    private static partial Regex Token();
}
