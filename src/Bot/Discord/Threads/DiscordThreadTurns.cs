using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Discord.Wire;
using Newsdesk.Storage;

namespace Newsdesk.Discord.Threads;

/// <summary>What a Discord thread remembers of its conversation: the questions asked with <c>/ask</c> in a thread
/// channel are its turns, handed to the core with each later question there, as a Slack thread's are. Interactions
/// carry the channel they were used in with its type, and a thread is a channel of its own (docs/protocols.md,
/// "Discord threads"); a plain channel or a DM has no thread, so its questions stand alone. A turn older than
/// <see cref="DiscordOptions.ThreadTurnMaxAge"/> is neither handed to a follow-up nor kept.</summary>
public sealed class DiscordThreadTurns(IDiscordThreadTurnStore store, IOptions<DiscordOptions> options, ILogger<DiscordThreadTurns> logger)
{
    /// <summary>Earlier questions of a thread handed to the core; enough for a follow-up, small enough for a prompt.</summary>
    public const int EarlierTurnLimit = 10;

    /// <summary>The thread's earlier questions. A thread's memory is a help, never a condition: turns that cannot be
    /// read (a damaged or unreachable store) leave the question to stand alone, and it is answered all the same.</summary>
    public async Task<IReadOnlyList<string>> EarlierTurnsAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        if (interaction.ThreadId is not { } thread) return [];
        try
        {
            return await store.LoadTurnsAsync(thread, EarlierTurnLimit, options.Value.ThreadTurnMaxAge, cancellationToken);
        }
        catch (DbException exception)
        {
            logger.LogWarning("Discord thread {Thread}'s earlier turns could not be read, so its question stands alone: {Error}", thread, exception.Message);
            return [];
        }
    }

    /// <summary>A store that cannot be written answers the question all the same; only the thread's memory of it is lost.</summary>
    public async Task RememberAsync(DiscordInteraction interaction, string question, CancellationToken cancellationToken)
    {
        if (interaction.ThreadId is not { } thread || !long.TryParse(interaction.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return;
        try
        {
            await store.AddTurnAsync(thread, id, question, EarlierTurnLimit, options.Value.ThreadTurnMaxAge, cancellationToken);
        }
        catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception) || exception is DbException)
        {
            logger.LogWarning("Discord thread {Thread} could not remember a turn: {Error}", thread, exception.Message);
        }
    }
}
