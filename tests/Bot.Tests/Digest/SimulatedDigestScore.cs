using Newsdesk.Digest;

namespace Newsdesk.Tests.Digest;

/// <summary>What simulated days' digests carried, against the hand labels. Precision: music stories among the stories
/// shown (a story is judged by the report it is shown under). Recall: the days' music stories that reached the reader,
/// shown (as a story or as another source of one) or counted in "…and N more". Shown recall: those shown. Counted
/// precision: music stories among those counted in "N more" (the count must not carry stories off the beat).</summary>
public sealed record SimulatedDigestScore(int Days = 0, int Music = 0, int Shown = 0, int ShownMusic = 0, int MusicShown = 0, int MusicReached = 0,
    int Counted = 0, int CountedMusic = 0)
{
    public double Precision => Shown == 0 ? 1 : (double)ShownMusic / Shown;
    public double Recall => Music == 0 ? 1 : (double)MusicReached / Music;
    public double ShownRecall => Music == 0 ? 1 : (double)MusicShown / Music;
    public double CountedPrecision => Counted == 0 ? 1 : (double)CountedMusic / Counted;

    /// <summary>This score with one more day: <paramref name="music"/> music stories arrived and
    /// <paramref name="selection"/> was the digest.</summary>
    public SimulatedDigestScore Add(int music, DigestSelection selection, Func<string, bool> isMusic)
    {
        bool IsMusic(DigestCandidate c) => isMusic(c.Story.DocumentSource);
        var shown = selection.Chosen.Select(c => c.Reports).ToHashSet();
        var counted = selection.Stories.Where(s => !shown.Contains(s)).ToList();
        return new SimulatedDigestScore(Days + 1, Music + music,
            Shown + selection.Chosen.Count, ShownMusic + selection.Chosen.Count(c => IsMusic(c.Lead)),
            MusicShown + selection.Chosen.Sum(c => c.Reports.Count(IsMusic)),
            MusicReached + selection.Stories.Sum(s => s.Count(IsMusic)),
            Counted + counted.Count, CountedMusic + counted.Count(s => IsMusic(s[0])));
    }

    public override string ToString() => FormattableString.Invariant(
        $"{Days} days ({Music} music stories): shown precision {Precision:P1} ({ShownMusic}/{Shown}), recall {Recall:P1} ({MusicReached}/{Music}; shown {MusicShown}), counted in 'N more' {Counted} ({CountedMusic} music, precision {CountedPrecision:P1})");
}
