using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Retrieval;
using Newsdesk.Storage;

namespace Newsdesk.Answering;

/// <summary>The sentences each thread turn was answered with, so a follow-up is not handed the same sentence again:
/// "has it vanished before?" after "who shut down allofmp3" was answered with the shutdown sentence a second time,
/// because the follow-up is searched with its thread and that sentence matches the thread best. A turn is known by its
/// thread (<see cref="Question.Thread"/>), its text and the earlier turns it was asked after (as many as a follow-up
/// is searched with), which is how the next turn names it. A thread's turns are kept in the store
/// (<see cref="IThreadAnswerStore"/>), so another thread asking the same words has its own, and a restart or another
/// replica answering the next turn finds them; a question with no thread (the command line) is kept in this process
/// only (<see cref="TurnMemory"/>), as nothing else can name its conversation.</summary>
public sealed class ThreadAnswers(IThreadAnswerStore store, IOptions<AnsweringOptions> options, ILogger<ThreadAnswers> logger)
{
    private readonly TurnMemory unthreaded = new();

    /// <summary>The turn a follow-up came after, as it was asked: its text and the turns before it, in its thread.</summary>
    public static Question PreviousTurn(Question followUp) =>
        new(followUp.EarlierTurns[^1], followUp.EarlierTurns.Take(followUp.EarlierTurns.Count - 1).ToList()) { Thread = followUp.Thread };

    /// <summary>The sentences the turn was answered with, or null when no process on the store answered it (or this
    /// process, for a turn with no thread), or the store cannot be read: the caller then composes the turn again.</summary>
    public async Task<IReadOnlySet<string>?> RecallAsync(Question turn, CancellationToken cancellationToken)
    {
        if (turn.Thread is not { } thread) return unthreaded.Recall(turn);
        try
        {
            return await store.RecallAsync(thread, TurnKey(turn), options.Value.ThreadAnswerMaxAge, cancellationToken);
        }
        catch (DbException error)
        {
            logger.LogWarning("What thread turns were answered with could not be read, so the previous turn is composed again: {Error}", error.Message);
            return null;
        }
    }

    /// <summary>A store that cannot be written answers all the same: the next turn composes this one again.</summary>
    public async Task RememberAsync(Question turn, IEnumerable<string> sentences, CancellationToken cancellationToken)
    {
        if (turn.Thread is not { } thread)
        {
            unthreaded.Remember(turn, sentences);
            return;
        }
        try
        {
            await store.RememberAsync(thread, TurnKey(turn), sentences.Distinct(StringComparer.Ordinal).ToList(), options.Value.ThreadAnswerMaxAge, cancellationToken);
        }
        catch (Exception error) when (StoreWriteHealth.CannotWrite(error) || error is DbException)
        {
            logger.LogWarning("What a thread turn was answered with could not be kept, so the next turn composes it again: {Error}", error.Message);
        }
    }

    /// <summary>A turn within its thread: a hash of its text and the earlier turns it was asked after, so a long
    /// question never makes a long key (PostgreSQL limits an index entry's size).</summary>
    public static string TurnKey(Question turn) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TurnMemory.Key(turn))));

    /// <summary>The sentences as the stores keep them (a JSON array).</summary>
    public static IReadOnlySet<string> Parse(string sentences) =>
        (JsonSerializer.Deserialize<List<string>>(sentences) ?? []).ToHashSet(StringComparer.Ordinal);

    /// <summary>The given sentences a follow-up is not answered with again while another sentence answers it. A
    /// sentence given for one kind of fact may also hold the different kind a follow-up asks for ("who got charged?",
    /// then "when's he in court?": "The rapper ... is due in court on 20 December"), so it stays available where the
    /// follow-up asks for a kind the previous turn did not and the sentence holds one of that kind. Asked for the same
    /// kind again, its span of that kind was the previous answer.</summary>
    public static IReadOnlySet<string> SetAside(IReadOnlySet<string> given, AnswerKind previous, AnswerKind asked) =>
        TypedSpans.IsTyped(asked) && asked != previous
            ? given.Where(s => TypedSpans.Find(asked, s).Count == 0).ToHashSet(StringComparer.Ordinal)
            : given;

    /// <summary>The passages without the sentences already given: the same passages in the same order (citations
    /// number them), or null when none of them holds a given sentence.</summary>
    public static IReadOnlyList<RetrievedPassage>? Without(IReadOnlyList<RetrievedPassage> passages, IReadOnlySet<string> given)
    {
        if (given.Count == 0) return null;
        var removed = false;
        var kept = passages.Select(p =>
        {
            var sentences = p.Sentences.Where(s => !given.Contains(p.Passage.Text.Substring(s.Span.Start, s.Span.Length))).ToList();
            if (sentences.Count == p.Sentences.Count) return p;
            removed = true;
            return p with { Sentences = sentences };
        }).ToList();
        return removed ? kept : null;
    }
}
