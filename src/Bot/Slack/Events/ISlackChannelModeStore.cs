namespace Newsdesk.Slack.Events;

/// <summary>Each Slack channel's answering mode, as every provider offers it (see <see cref="SlackChannelModeStore"/>
/// for SQLite, <c>PostgresSlackChannelModeStore</c> for PostgreSQL).</summary>
public interface ISlackChannelModeStore
{
    /// <summary><see cref="SlackChannelModeStore.Mentions"/> unless the channel was set otherwise.</summary>
    Task<string> GetAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Sets the mode, with its audit entry in the same commit.</summary>
    Task SetAsync(string channel, string mode, string actor, CancellationToken cancellationToken);
}
