using System.Globalization;
using Microsoft.Extensions.Logging;
using Newsdesk.Discord.Wire;
using Newsdesk.Storage;

namespace Newsdesk.Discord.Threads;

/// <summary>What a Discord thread remembers of its conversation: the questions asked with <c>/ask</c> in a thread
/// channel are its turns, handed to the core with each later question there, as a Slack thread's are. Interactions
/// carry the channel they were used in with its type, and a thread is a channel of its own (docs/protocols.md,
/// "Discord threads"); a plain channel or a DM has no thread, so its questions stand alone.</summary>
public sealed class DiscordThreadTurns(IDiscordThreadTurnStore store, ILogger<DiscordThreadTurns> logger)
{
    /// <summary>Earlier questions of a thread handed to the core; enough for a follow-up, small enough for a prompt.</summary>
    public const int EarlierTurnLimit = 10;

    public async Task<IReadOnlyList<string>> EarlierTurnsAsync(DiscordInteraction interaction, CancellationToken cancellationToken) =>
        interaction.ThreadId is { } thread ? await store.LoadTurnsAsync(thread, EarlierTurnLimit, cancellationToken) : [];

    /// <summary>A store that cannot be written answers the question all the same; only the thread's memory of it is lost.</summary>
    public async Task RememberAsync(DiscordInteraction interaction, string question, CancellationToken cancellationToken)
    {
        if (interaction.ThreadId is not { } thread || !long.TryParse(interaction.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return;
        try
        {
            await store.AddTurnAsync(thread, id, question, cancellationToken);
        }
        catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception))
        {
            logger.LogWarning("Discord thread {Thread} could not remember a turn: {Error}", thread, exception.Message);
        }
    }
}
