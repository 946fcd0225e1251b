using Newsdesk.Retrieval;

namespace Newsdesk.Stories;

/// <summary>Builds a <see cref="StoryBrief"/> offline from the store: the story's articles, then in each its parties,
/// who says what, contested points, dated events and open points; every line is a sentence of a cited article.</summary>
public sealed class StoryBriefBuilder(StoryArticleFinder finder, PassageIndexHolder indexHolder)
{
    public async Task<StoryBrief> BuildAsync(string topic, CancellationToken cancellationToken)
    {
        var (articles, related) = await finder.FindAsync(topic, cancellationToken);
        if (articles.Count == 0) return new StoryBrief(topic, null, [], [], [], [], [], related);

        var parties = new PartyRegister();
        var contested = new List<ContestedPoint>();
        var dated = new List<(EventDate Date, int Order, TimelineEvent Event)>();
        var undated = new List<TimelineEvent>();
        var open = new List<CitedLine>();
        var order = 0;
        foreach (var article in articles)
        {
            var number = article.Source.Number;
            var entities = EntityDetector.Detect(article.Sentences);
            var attributions = AttributionFinder.Find(entities);
            var claims = attributions.Claims.ToDictionary(c => c, c => parties.AddClaim(entities.Entities[c.Entity], c.Verb, new CitedLine(article.Sentences[c.Sentence], number)));
            foreach (var actor in attributions.Actors) parties.AddActor(entities.Entities[actor], number);
            foreach (var (claim, counter) in ContestFinder.Find(attributions, article.Sentences, entities))
                if (claims[claim] is { } first && claims[counter] is { } second) contested.Add(new ContestedPoint(first, second));

            for (var s = 0; s < article.Sentences.Count; s++)
            {
                var line = new CitedLine(article.Sentences[s], number);
                foreach (var expression in DateExpressionFinder.Find(article.Sentences[s]))
                {
                    var (date, basis) = DateResolver.Resolve(expression, article.Source.Published);
                    var item = new TimelineEvent(article.Sentences[s].Substring(expression.Start, expression.Text.Length), date, basis, line);
                    if (date is { HasYear: true }) dated.Add((date, order++, item)); else undated.Add(item);
                }
                if (OpenPointFinder.IsOpen(entities.MaskedSentences[s]) && !open.Contains(line)) open.Add(line);
            }
        }

        var central = CentralSentencePicker.Pick(articles, indexHolder.Current.Terms);
        var summary = central is var (a, s2) ? new CitedLine(articles[a].Sentences[s2], articles[a].Source.Number) : null;
        var timeline = dated.OrderBy(d => d.Date.SortKey).ThenBy(d => d.Order).Select(d => d.Event).Concat(undated).ToList();
        return new StoryBrief(topic, summary, parties.Parties(), contested, timeline, open, articles.Select(a => a.Source).ToList(), related);
    }
}
