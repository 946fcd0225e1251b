namespace Newsdesk.Chat;

/// <summary>Rebuilds, after a restart, the reply channel of a question the journal kept. One per platform adapter.</summary>
public interface IChatReplyRestorer
{
    string Platform { get; }

    /// <summary>How long after the question was accepted a reply can still reach the person this way (Discord: the
    /// interaction token's 15 minutes; Slack: a setting, since threads never close).</summary>
    TimeSpan ReplyWindow { get; }

    /// <summary>The reply channel, made to check before it posts that the reply is not already there.</summary>
    IReplyChannel Restore(string reply);
}
