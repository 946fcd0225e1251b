using System.Collections.Concurrent;
using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>The sentences each turn was answered with, in this process only, keyed by the turn's text and the earlier
/// turns it was asked after: for questions that name no thread (the command line's, the decision replay's), where
/// nothing else tells two conversations apart.</summary>
public sealed class TurnMemory
{
    // A thread's turns come one after the other, so only recent turns are looked up; past this many the memory starts
    // again rather than tracking recency (a few hundred KB of sentence text at most).
    private const int MaxRememberedTurns = 4096;
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> said = new(StringComparer.Ordinal);

    /// <summary>The sentences the turn was answered with, or null when this process did not answer it.</summary>
    public IReadOnlySet<string>? Recall(Question turn) => said.GetValueOrDefault(Key(turn));

    public void Remember(Question turn, IEnumerable<string> sentences)
    {
        if (said.Count >= MaxRememberedTurns) said.Clear();
        said[Key(turn)] = sentences.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The turn's text after the earlier turns a follow-up is searched with, which is how the next turn names it.</summary>
    public static string Key(Question turn) =>
        string.Join('\n', turn.EarlierTurns.TakeLast(FollowUpQuery.MaxEarlierTurnsSearched).Append(turn.Text));
}
