using System.Collections.Concurrent;
using Newsdesk.Chat;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>The sentences each thread turn was answered with, so a follow-up is not handed the same sentence again:
/// "has it vanished before?" after "who shut down allofmp3" was answered with the shutdown sentence a second time,
/// because the follow-up is searched with its thread and that sentence matches the thread best. A turn is known by
/// its text and the earlier turns it was asked after (as many as a follow-up is searched with), which is how the next
/// turn names it.</summary>
public sealed class ThreadAnswers
{
    // A thread's turns come one after the other, so only recent turns are looked up; past this many the memory starts
    // again rather than tracking recency (a few hundred KB of sentence text at most).
    private const int MaxRememberedTurns = 4096;
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> said = new(StringComparer.Ordinal);

    /// <summary>The turn a follow-up came after, as it was asked: its text and the turns before it.</summary>
    public static Question PreviousTurn(Question followUp) =>
        new(followUp.EarlierTurns[^1], followUp.EarlierTurns.Take(followUp.EarlierTurns.Count - 1).ToList());

    /// <summary>The sentences the turn was answered with, or null when this process did not answer it (a restart, or
    /// another process sharing the platform's thread memory).</summary>
    public IReadOnlySet<string>? Recall(Question turn) => said.GetValueOrDefault(Key(turn));

    public void Remember(Question turn, IEnumerable<string> sentences)
    {
        if (said.Count >= MaxRememberedTurns) said.Clear();
        said[Key(turn)] = sentences.ToHashSet(StringComparer.Ordinal);
    }

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

    private static string Key(Question turn) =>
        string.Join('\n', turn.EarlierTurns.TakeLast(FollowUpQuery.MaxEarlierTurnsSearched).Append(turn.Text));
}
