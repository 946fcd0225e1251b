namespace Newsdesk.Corpus;

/// <summary>A document inside the ingestion pipeline: split, its sentence vectors filled in by whichever batches carry
/// its sentences, complete when the last of them arrives.</summary>
internal sealed class PendingDocument
{
    private readonly float[][] vectors;
    private int remaining;

    public PendingDocument(DocumentDraft draft, IReadOnlyList<SplitPassage> passages)
    {
        Draft = draft;
        Passages = passages;
        Sentences = [.. passages.SelectMany(p => p.Sentences.Select(s => p.Text.Substring(s.Start, s.Length)))];
        vectors = new float[Sentences.Length][];
        remaining = Sentences.Length;
        if (remaining == 0) Embedded.SetResult();
    }

    public DocumentDraft Draft { get; }
    public IReadOnlyList<SplitPassage> Passages { get; }
    public string[] Sentences { get; }

    /// <summary>Completes when every sentence has its vector.</summary>
    public TaskCompletionSource Embedded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Deliver(int sentence, float[] vector)
    {
        vectors[sentence] = vector;
        if (Interlocked.Decrement(ref remaining) == 0) Embedded.SetResult();
    }

    public EmbeddedDocument ToEmbedded()
    {
        var result = new List<EmbeddedPassage>(Passages.Count);
        var next = 0;
        foreach (var passage in Passages)
        {
            result.Add(new EmbeddedPassage(passage, vectors[next..(next + passage.Sentences.Count)]));
            next += passage.Sentences.Count;
        }
        return new EmbeddedDocument(Draft.Record, result);
    }
}
