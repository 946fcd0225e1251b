using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Stories;

/// <summary>How widely a brief gathers articles. Bound from the "Stories" section and validated at start.</summary>
public sealed class StoryOptions
{
    public const string Section = "Stories";

    /// <summary>Passages each ranker proposes before they are grouped into articles.</summary>
    [Range(5, 500)]
    public int Candidates { get; set; } = 60;

    /// <summary>Most articles a brief draws on; more rarely add a party and cost time.</summary>
    [Range(1, 30)]
    public int MaxArticles { get; set; } = 6;

    /// <summary>An article joins the story when its TF-IDF cosine with the best article reaches this: follow-ups of
    /// one dispute share its names; articles that only share a theme (piracy, the charts) stay below.</summary>
    [Range(0.0, 1.0)]
    public double MemberSimilarity { get; set; } = 0.55;

    [Range(0, 20)]
    public int RelatedStories { get; set; } = 3;
}
