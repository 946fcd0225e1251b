namespace Newsdesk.Beat;

/// <summary>Where a story's two scores put it: on the beat when its margin is at or above <paramref name="Beat"/>
/// (chosen for recall: <c>/sources</c>, a decline's nearest topics and the digest's grouping read it); counted in a
/// digest's "…and N more" when, on the beat, its lead score is at or above <paramref name="Count"/>; shown in a digest
/// when, on the beat, its lead score is at or above <paramref name="Headline"/> (chosen for precision). The lead score
/// reads the headline check as well as the margin, so it is the surer of the two, and the count, a number a reader
/// cannot check story by story, is held to it too. A shown story's margin must also reach <paramref name="HeadlineMargin"/>:
/// the two scores read a story differently (all its sentences; its embedded headline and lede), and a story both
/// are sure of is surer than one a high headline check carries alone.</summary>
public sealed record BeatCuts(double Beat, double Count, double Headline, double HeadlineMargin = double.NegativeInfinity)
{
    public bool IsOnBeat(double margin) => margin >= Beat;

    public bool IsCounted(double margin, double leadScore) => IsOnBeat(margin) && leadScore >= Count;

    public bool IsShown(double margin, double leadScore) => IsOnBeat(margin) && margin >= HeadlineMargin && leadScore >= Headline;
}
