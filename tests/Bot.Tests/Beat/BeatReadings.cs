using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Beat;

/// <summary>The beat classifier of a loaded host, over its index, judged against hand labels.</summary>
public static class BeatReadings
{
    public static BeatScore Score(IServiceProvider services, IReadOnlyList<BeatLabel> labels)
    {
        var classifier = services.GetRequiredService<BeatClassifier>();
        var judge = services.GetRequiredService<BeatJudge>();
        var snapshot = services.GetRequiredService<PassageIndexHolder>().Current;
        var embedder = services.GetRequiredService<PassageEmbedder>();
        var firstPassages = snapshot.Passages.Where(p => p.Ordinal == 0).ToDictionary(p => p.Source, StringComparer.Ordinal);

        return BeatScore.Of(labels.Select(l =>
        {
            var margin = judge.Margin(snapshot, l.Source);
            // A passage the planted-sentence screen set aside is not in the index: such a story leads on its margin.
            // Without a headline check the lead score is the margin, and nothing needs embedding.
            if (!classifier.HasHeadlineCheck || !firstPassages.TryGetValue(l.Source, out var first)) return (l.Source, l.IsMusic, margin, margin);
            var headline = embedder.EmbedQuery(BeatClassifier.HeadlineText(first.Title, first.Text), default);
            return (l.Source, l.IsMusic, margin, classifier.LeadScore(margin, headline));
        }).ToList(), classifier.Threshold, classifier.HeadlineThreshold);
    }
}
