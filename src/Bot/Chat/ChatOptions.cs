using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Chat;

public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Questions that may wait for a worker; past this, users are told the bot is busy.</summary>
    [Range(1, 100_000)]
    public int InboxCapacity { get; set; } = 1000;

    /// <summary>Questions answered at once. Answering is CPU-bound (embedding), so about one per core.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount);
}
