using Newsdesk.Answering;
using Newsdesk.Discord.Replies;
using Newsdesk.Discord.Wire;
using Newsdesk.Stories;

namespace Newsdesk.Discord.Commands;

/// <summary><c>/story topic</c> and its "more" button: one page of the topic's brief, with a button to the next page
/// when there is one. The brief is built again for each page: it is deterministic over the store and takes
/// milliseconds, which is cheaper than keeping every brief shown.</summary>
public sealed class DiscordStoryCommand(StoryBriefComposer briefs)
{
    /// <summary>Registered as the option's maximum, so "story:PAGE:" and the topic fit a 100-character custom_id.</summary>
    public const int TopicLimit = StoryBriefLines.TopicLimit;

    public async Task<DiscordMessagePayload> BriefAsync(string topic, int page, CancellationToken cancellationToken)
    {
        var pages = DiscordStoryFormatter.Pages(await briefs.BuildAsync(topic, cancellationToken));
        var index = Math.Clamp(page, 1, pages.Count) - 1;
        IReadOnlyList<DiscordComponent>? more = index + 1 < pages.Count
            ? [DiscordComponent.Row(DiscordComponent.Button(DiscordStoryId.Create(index + 2, topic), $"More ({index + 2}/{pages.Count})", "➡️"))]
            : null;
        return new DiscordMessagePayload(Embeds: [pages[index]], Components: more ?? []);
    }
}
