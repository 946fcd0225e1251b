namespace Newsdesk.Retrieval;

/// <summary>What retrieval saw, from which the coverage decision is made (and which the evaluation tunes).</summary>
/// <param name="TopCosine">Highest dense similarity between the question and a retrieved passage.</param>
/// <param name="TermCoverage">Largest IDF-weighted share of the question's terms found in one retrieved passage plus
/// its title: a question about "Spotify subscribers" over a corpus without Spotify cannot exceed the weight of the
/// other words.</param>
/// <param name="RankersAgree">Whether the best fused passage is near the top of both rankers.</param>
public sealed record CoverageEvidence(double TopCosine, double TermCoverage, bool RankersAgree);
