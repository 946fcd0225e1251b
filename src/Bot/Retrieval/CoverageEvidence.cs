namespace Newsdesk.Retrieval;

/// <summary>What retrieval saw, from which the coverage decision is made (and which the evaluation tunes).</summary>
/// <param name="TopCosine">Highest dense similarity between the question and a retrieved passage.</param>
/// <param name="TermCoverage">Largest IDF-weighted share of the question's terms found in one retrieved passage plus
/// its title: a question about "Spotify subscribers" over a corpus without Spotify cannot exceed the weight of the
/// other words.</param>
/// <param name="RankersAgree">Whether the best fused passage is near the top of both rankers.</param>
/// <param name="DenseMargin">How far the best passage's cosine stands above the typical candidate's (the mean over
/// the dense ranker's candidate list): a question the corpus covers has a passage that stands out.</param>
/// <param name="HasQuestionFigures">Whether every figure the question names (a year, a number) appears in a retrieved
/// passage: "who won Eurovision in 2021?" over stories from 2004 fails here, however close the topic.</param>
/// <param name="HoldsQuestionNames">Whether the question names an entity (<see cref="QuestionNames"/>) and the
/// retrieved passages hold every name it types: "how much did a song cost on AllofMP3?" is about the AllofMP3 story
/// even where its wording ("song", "cost") is far from the story's ("punt tracks for $0.10").</param>
public sealed record CoverageEvidence(double TopCosine, double TermCoverage, bool RankersAgree, double DenseMargin, bool HasQuestionFigures,
    bool HoldsQuestionNames = false);
