using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Retrieval;

/// <summary>The in-process BM25 index against the straightforward ranking it replaced (a dictionary of scores, every
/// match sorted): the same passages, in the same order, with the same scores to the bit, on a corpus where common
/// words tie many passages and one passage text recurs under several ids.</summary>
public sealed class LexicalIndexTests
{
    private static readonly string[] Vocabulary =
    [
        "music", "label", "album", "chart", "singer", "band", "tour", "festival", "award", "royalty", "stream",
        "download", "single", "record", "deal", "contract", "concert", "ticket", "sales", "piracy", "court", "lawsuit",
        "producer", "studio", "release", "vinyl", "radio", "playlist", "grammy", "brit", "mercury", "prize",
    ];

    [Fact]
    public void RanksExactlyAsTheDictionaryAndFullSortDid()
    {
        var random = new Random(3);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[(int)(Vocabulary.Length * Math.Pow(random.NextDouble(), 2))]));
        var passages = Enumerable.Range(0, 2_000).Select(i => Passage(i * 7 % 2_003, Text(random.Next(1, 4)), Text(random.Next(5, 60)))).ToList();
        // Byte-identical copies under other ids tie exactly: their order must come from the id.
        passages.AddRange(passages.Take(50).Select((p, i) => p with { Id = 5_000 - i }));
        var index = new LexicalIndex(passages);
        var reference = ReferenceRanking(passages);

        for (var q = 0; q < 200; q++)
        {
            var question = Text(random.Next(1, 8));
            foreach (var limit in new[] { 1, 5, 40, 5_000 })
                Assert.Equal(reference(question, limit), index.Search(question, limit));
        }
        Assert.Empty(index.Search("unheard-of", 40));
        Assert.Empty(index.Search("music", 0));
    }

    private static StoredPassage Passage(long id, string title, string text) =>
        new(id, id, "test", title, null, 0, text, DateTimeOffset.UnixEpoch);

    /// <summary>The ranking as it was: the same formula, a dictionary of scores and a sort of every match. Its postings
    /// are built once for all the questions (building them for each of the 800 searches took minutes of the suite).</summary>
    private static Func<string, int, List<(long PassageId, double Score)>> ReferenceRanking(IReadOnlyList<StoredPassage> passages)
    {
        var postings = new Dictionary<string, List<(int Passage, double Frequency)>>(StringComparer.Ordinal);
        var lengths = new int[passages.Count];
        for (var i = 0; i < passages.Count; i++)
        {
            var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var term in Fts5PorterTokens.Of(passages[i].Title)) { frequencies[term] = frequencies.GetValueOrDefault(term) + 0.5; lengths[i]++; }
            foreach (var term in Fts5PorterTokens.Of(passages[i].Text)) { frequencies[term] = frequencies.GetValueOrDefault(term) + 1; lengths[i]++; }
            foreach (var (term, frequency) in frequencies)
            {
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                list.Add((i, frequency));
            }
        }
        var averageLength = Math.Max(1, lengths.Average());
        return (question, limit) =>
        {
            var scores = new Dictionary<int, double>();
            foreach (var term in LexicalRanker.QueryWords(question).Select(w => Fts5PorterTokens.Of(w).Single()))
            {
                if (!postings.TryGetValue(term, out var list)) continue;
                var idf = Math.Max(1e-6, Math.Log((passages.Count - list.Count + 0.5) / (list.Count + 0.5)));
                foreach (var (passage, frequency) in list)
                {
                    var norm = 1.2 * (1 - 0.75 + 0.75 * lengths[passage] / averageLength);
                    scores[passage] = scores.GetValueOrDefault(passage) + idf * frequency * (1.2 + 1) / (frequency + norm);
                }
            }
            return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => passages[s.Key].Id).Take(limit).Select(s => (passages[s.Key].Id, s.Value))];
        };
    }
}
