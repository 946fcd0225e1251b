using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;

namespace Newsdesk.Answering;

/// <summary>Retrieval for a question, and for a follow-up in a thread the story the thread is about. A follow-up
/// ("who made them?", "how much do they charge?") is searched with its earlier turns, but its answer is often in a
/// passage of the thread's story that neither the follow-up nor its context ranks near the top: the earlier answer
/// never named the company, and the pronoun carries nothing to search for. So the story the previous turn was answered
/// from (its retrieval's top document, found the same way, turn by turn) is carried as a prior: a follow-up that still
/// lands on that story is given the story's passages that best match it, and no other story's, and counts as covered;
/// whether the story holds the asked fact is the composer's decision (answered, partly covered or declined). A follow-up with no
/// word pointing back into the thread that is covered on its own is searched on its own.</summary>
public sealed class FollowUpRetriever(PassageRetriever retriever, PassageIndexHolder index, PassageEmbedder embedder, IOptions<RetrievalOptions> options)
{
    // A thread's turns come one at a time, each after the one before, so the previous turn's story is usually known.
    // Past this many threads the memory starts again rather than tracking recency.
    private const int MaxRememberedThreads = 4096;
    // Each story is remembered with the snapshot it was found in, weakly: a reload makes it stale, and a strong
    // reference would keep every replaced snapshot (all its passages and vectors) alive for as long as its threads
    // stay remembered.
    private readonly ConcurrentDictionary<string, (WeakReference<PassageIndex> Index, long? Story)> stories = new(StringComparer.Ordinal);

    public async Task<RetrievalResult> RetrieveAsync(Question question, CancellationToken cancellationToken)
    {
        if (question.EarlierTurns.Count == 0) return await retriever.RetrieveAsync(question.Text, cancellationToken);
        var earlier = question.EarlierTurns.TakeLast(FollowUpQuery.MaxEarlierTurnsSearched).ToList();
        var story = await StoryOfAsync(earlier, cancellationToken);
        var (result, _) = await RetrieveInThreadAsync(question.Text, earlier, story, cancellationToken);
        return result;
    }

    /// <summary>The document the last of <paramref name="turns"/> was answered from: its top passage's when it was
    /// covered, else the story before it.</summary>
    private async Task<long?> StoryOfAsync(IReadOnlyList<string> turns, CancellationToken cancellationToken)
    {
        if (turns.Count == 0) return null;
        var snapshot = index.Current;
        var key = string.Join('\n', turns);
        if (stories.TryGetValue(key, out var known) && known.Index.TryGetTarget(out var seen) && ReferenceEquals(seen, snapshot)) return known.Story;
        var earlier = turns.Take(turns.Count - 1).ToList();
        var before = await StoryOfAsync(earlier, cancellationToken);
        var (_, story) = await RetrieveInThreadAsync(turns[^1], earlier, before, cancellationToken);
        return story;
    }

    private async Task<(RetrievalResult Result, long? Story)> RetrieveInThreadAsync(
        string text, IReadOnlyList<string> earlier, long? story, CancellationToken cancellationToken)
    {
        // A thread's first turn is searched alone.
        if (earlier.Count == 0) return Found(await retriever.RetrieveAsync(text, cancellationToken), earlier, text, story);
        var searched = FollowUpQuery.SearchText(text, earlier);
        // The follow-up's vector and its thread's serve the searches and the story's passages alike, so they are made
        // once: in one model call where both are needed (the batch leaves each vector as a call of its own makes it).
        float[] asked, inThread;
        if (FollowUpQuery.StandsAlone(text))
        {
            // "did any other torrent sites close?" names what it asks about: the earlier turns would only drag it back
            // to the story they found, which may not be the one that answers it.
            asked = embedder.EmbedQuery(text, cancellationToken);
            var alone = await retriever.RetrieveAsync(text, asked, cancellationToken);
            if (alone.IsCovered) return Found(alone, earlier, text, story);
            inThread = embedder.EmbedQuery(searched, cancellationToken);
        }
        else
        {
            var vectors = embedder.EmbedBatch([embedder.QueryInput(text), embedder.QueryInput(searched)], cancellationToken);
            (asked, inThread) = (vectors[0], vectors[1]);
        }
        var inContext = await retriever.RetrieveAsync(searched, inThread, cancellationToken);
        var result = story is { } document && inContext.Passages.Any(p => p.Passage.DocumentId == document)
            ? WithStory(inContext, document, asked, inThread)
            : inContext;
        return Found(result, earlier, text, story);
    }

    /// <summary>The result, and the story the turn was answered from: its top document when covered, else the story
    /// before it; remembered for the thread's next turn.</summary>
    private (RetrievalResult Result, long? Story) Found(RetrievalResult result, IReadOnlyList<string> earlier, string text, long? story)
    {
        // A turn that may be answered though its topic is uncertain names its story too: "which band did the first gig
        // over a mobile?" stands out from its candidates by less than the coverage margin, and its follow-ups ask on.
        var found = (result.IsCovered || result.MayAnswer) && result.Passages.Count > 0 ? result.Passages[0].Passage.DocumentId : story;
        Remember(earlier.Append(text).TakeLast(FollowUpQuery.MaxEarlierTurnsSearched), found);
        return (result, found);
    }

    /// <summary>The thread story's passages closest to the follow-up, and no other story's; covered, since the
    /// follow-up searched with its thread still lands on the story. Sentence similarities are to the searched text, as
    /// for every retrieved passage, so the composer weighs them alike.</summary>
    private RetrievalResult WithStory(RetrievalResult inContext, long story, float[] asked, float[] inThread)
    {
        var snapshot = index.Current;
        // Ranked by the follow-up itself and by the thread around it: "how much is he worth?" alone prefers any
        // fortune the story names, the thread the one of the person it asked about.
        var fromStory = snapshot.Passages.Where(p => p.DocumentId == story)
            .OrderByDescending(p => Best(snapshot, p, asked) + Best(snapshot, p, inThread))
            .Take(options.Value.PassagesToCompose)
            .Select(p => Retrieved(snapshot, p, inContext.Passages, inThread));
        var passages = new List<RetrievedPassage>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        // Only the story's passages: a follow-up that leans on its thread ("what's his real name?", "for how long?")
        // asks about the thread's subject, and another story's sentence that matches its words is about someone else
        // ("real name Calvin Broadus" asked after a thread about Mick Mars).
        foreach (var passage in fromStory)
        {
            if (passages.Count == options.Value.PassagesToCompose) break;
            if (texts.Add(passage.Passage.Text)) passages.Add(passage);
        }
        return inContext with { Passages = passages, IsCovered = true };
    }

    private static float Best(PassageIndex snapshot, StoredPassage passage, float[] query) =>
        snapshot.Sentences(passage.Id, query).Select(s => s.Cosine).DefaultIfEmpty(0).Max();

    private static RetrievedPassage Retrieved(PassageIndex snapshot, StoredPassage passage, IReadOnlyList<RetrievedPassage> retrieved, float[] query)
    {
        if (retrieved.FirstOrDefault(r => r.Passage.Id == passage.Id) is { } known) return known;
        var sentences = snapshot.Sentences(passage.Id, query);
        return new RetrievedPassage(passage, 0, null, null, sentences.Count == 0 ? 0 : sentences.Max(s => s.Cosine), sentences)
        {
            SentenceBefore = snapshot.SentenceBefore(passage.Id),
        };
    }

    private void Remember(IEnumerable<string> turns, long? story)
    {
        if (stories.Count >= MaxRememberedThreads) stories.Clear();
        stories[string.Join('\n', turns)] = (new WeakReference<PassageIndex>(index.Current), story);
    }
}
