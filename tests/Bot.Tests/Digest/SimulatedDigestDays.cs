using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Beat;

namespace Newsdesk.Tests.Digest;

/// <summary>The digest's own selection (<see cref="DigestSelection"/>: the beat, near-duplicate grouping, importance,
/// the lead threshold, the top-<see cref="DigestLength"/> cut and the "N more" count) run over simulated days drawn
/// from one part of the hand labels, to measure what a subscriber gets rather than the classifier alone.
/// The construction was fixed before any figure was read (docs/beat-labels.md describes it): <see cref="Rounds"/>
/// rounds, each shuffling the part with one <see cref="Random"/> seeded <see cref="Seed"/> and dealing it into days of
/// <see cref="DayLength"/> stories (a short last day is dropped); a day's stories arrive evenly over its 24 hours and
/// the digest's window is that day.</summary>
public static class SimulatedDigestDays
{
    public const int Seed = 13;
    public const int Rounds = 10;
    public const int DayLength = 60;
    // The digest's default length (Digest:MaxStories).
    public const int DigestLength = 8;

    private static readonly DateTimeOffset FirstDay = new(2005, 1, 3, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Simulated days over <paramref name="part"/>, judged by the services' own classifier over their index
    /// (each story's headline and lede embedded by their embedder, as the digest embeds it).</summary>
    public static SimulatedDigestScore Measure(IServiceProvider services, IReadOnlyList<BeatLabel> part)
    {
        var beat = services.GetRequiredService<BeatClassifier>();
        var judge = services.GetRequiredService<BeatJudge>();
        var snapshot = services.GetRequiredService<PassageIndexHolder>().Current;
        var embedder = services.GetRequiredService<PassageEmbedder>();
        var firstPassages = snapshot.Passages.Where(p => p.Ordinal == 0).ToDictionary(p => p.Source, StringComparer.Ordinal);
        return Measure(part, source => judge.Margin(snapshot, source),
            source => embedder.EmbedQuery(BeatClassifier.HeadlineText(firstPassages[source].Title, firstPassages[source].Text), default), beat);
    }

    /// <summary>Simulated days over <paramref name="part"/> with the given margins (a story not in the index has none,
    /// so it is never on the beat) and headline embeddings.</summary>
    public static SimulatedDigestScore Measure(IReadOnlyList<BeatLabel> part, Func<string, double> margin, Func<string, float[]> probe, BeatClassifier beat) =>
        Measure(part, margin, probe, (candidate, headline) => beat.LeadScore(candidate.Margin, headline), beat.Cuts);

    /// <summary>Simulated days with any lead score and cuts: the fitting measures held-out scores this way.</summary>
    public static SimulatedDigestScore Measure(IReadOnlyList<BeatLabel> part, Func<string, double> margin, Func<string, float[]> probe,
        Func<DigestCandidate, float[], double> leadScore, BeatCuts cuts)
    {
        var isMusic = part.ToDictionary(l => l.Source, l => l.IsMusic, StringComparer.Ordinal);
        var probes = new Dictionary<string, float[]>(StringComparer.Ordinal);
        float[] Probe(DigestCandidate c) => probes.TryGetValue(c.Story.DocumentSource, out var p) ? p : probes[c.Story.DocumentSource] = probe(c.Story.DocumentSource);
        var random = new Random(Seed);
        var score = new SimulatedDigestScore();
        for (var round = 0; round < Rounds; round++)
        {
            var order = part.ToArray();
            random.Shuffle(order);
            foreach (var day in order.Chunk(DayLength).Where(d => d.Length == DayLength))
            {
                var start = FirstDay.AddDays(score.Days);
                var arrived = day.Select((l, i) => new DigestCandidate(
                    new ArrivedStory(l.Source, l.Title, null, "bbc", null, start.AddHours(24.0 * (i + 0.5) / DayLength)), margin(l.Source))).ToList();
                var selection = DigestSelection.Choose(arrived, Probe, leadScore, cuts, start, start.AddDays(1), DigestLength);
                score = score.Add(day.Count(l => l.IsMusic), selection, s => isMusic[s]);
            }
        }
        return score;
    }
}
