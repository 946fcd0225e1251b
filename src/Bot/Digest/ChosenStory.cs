namespace Newsdesk.Digest;

/// <summary>A story a digest shows: its reports (the strongest first, then its near-duplicates), the lead report's
/// embedded headline and lede, and its importance.</summary>
public sealed record ChosenStory(IReadOnlyList<DigestCandidate> Reports, float[] LeadProbe, double Importance)
{
    public DigestCandidate Lead => Reports[0];
}
