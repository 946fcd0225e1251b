namespace Newsdesk.Corpus;

/// <summary>Each distinct sentence text of one ingestion goes to the model once. Copies are common: the same story
/// filed twice, feeds repeating each other (98 of the BBC set's 2,225 files repeat another byte for byte). A
/// sentence's vector does not depend on what else is in its batch, so every copy gets the vector its first occurrence
/// got, bit for bit what embedding it again would give.
/// <para>Thread-safe: the reading stage adds sentences while the embedding threads deliver vectors.</para></summary>
/// <param name="remembered">Vectors kept for later copies, the most recent ones (1.5 KiB each at 384 dimensions), so
/// a long ingestion's memory stays bounded; a copy that comes after its original was forgotten is embedded again.</param>
internal sealed class DistinctSentences(int remembered)
{
    private readonly Dictionary<string, float[]> known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(PendingDocument Document, int Sentence)>> waiting = new(StringComparer.Ordinal);
    private readonly Queue<string> oldestFirst = new();
    private readonly Lock gate = new();

    /// <summary>Records that <paramref name="document"/>'s sentence needs a vector. Returns true when its text is new,
    /// so the caller must have it embedded; otherwise the vector arrives with (or already came from) its first copy.</summary>
    public bool Add(PendingDocument document, int sentence)
    {
        var text = document.Sentences[sentence];
        float[]? vector;
        lock (gate)
        {
            if (!known.TryGetValue(text, out vector))
            {
                if (waiting.TryGetValue(text, out var owners))
                {
                    owners.Add((document, sentence));
                    return false;
                }
                waiting[text] = [(document, sentence)];
                return true;
            }
        }
        // Outside the lock: delivering the last vector of a document completes it.
        document.Deliver(sentence, vector);
        return false;
    }

    /// <summary>The model's vectors for texts <see cref="Add"/> asked for, to every sentence with that text.</summary>
    public void Deliver(string[] texts, float[][] vectors)
    {
        for (var i = 0; i < texts.Length; i++)
        {
            List<(PendingDocument Document, int Sentence)>? owners;
            lock (gate)
            {
                waiting.Remove(texts[i], out owners);
                Remember(texts[i], vectors[i]);
            }
            foreach (var (document, sentence) in owners ?? []) document.Deliver(sentence, vectors[i]);
        }
    }

    private void Remember(string text, float[] vector)
    {
        if (!known.TryAdd(text, vector)) return;
        oldestFirst.Enqueue(text);
        if (oldestFirst.Count > remembered) known.Remove(oldestFirst.Dequeue());
    }
}
