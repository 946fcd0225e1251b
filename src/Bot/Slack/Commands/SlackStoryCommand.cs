using Newsdesk.Answering;
using Newsdesk.Slack.Replies;
using Newsdesk.Slack.Wire;
using Newsdesk.Stories;

namespace Newsdesk.Slack.Commands;

/// <summary><c>/newsdesk story topic</c> and its "More" button: one page of the topic's brief in Block Kit. The brief
/// is built again for each page: deterministic over the store, and milliseconds to build.</summary>
public sealed class SlackStoryCommand(StoryBriefComposer briefs)
{
    public async Task<SlackMessageContent> PageAsync(string topic, int page, CancellationToken cancellationToken) =>
        SlackStoryFormatter.Page(await briefs.BuildAsync(topic, cancellationToken), page).Content;
}
