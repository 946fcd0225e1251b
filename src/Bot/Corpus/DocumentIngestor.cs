using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Newsdesk.Corpus;

/// <summary>The one way a document enters the store, whoever brings it (corpus folders, <c>ingest</c>, feeds): split
/// into passages, every sentence embedded, saved with its passages. Three stages overlap:
/// <list type="number">
/// <item>reading: the caller's drafts are pulled (read and cleaned as they are enumerated) and split; their sentences
/// whose text is new to this ingestion (<see cref="DistinctSentences"/>) collect in a window, sorted by length and cut
/// into batches;</item>
/// <item>embedding: one model call at a time per core, on whichever batch is next;</item>
/// <item>saving: documents, in the order they came, as soon as all their sentences have vectors, many to a
/// transaction.</item>
/// </list>
/// The model pads every sentence of a batch to the longest, so mixing sentences of several documents by length wastes
/// far less work than one document's sentences at a time.</summary>
public sealed class DocumentIngestor(
    IKnowledgeStore store,
    PassageEmbedder embedder,
    IOptions<CorpusOptions> options,
    IngestProgressTerminal terminal,
    TimeProvider time)
{
    /// <summary>Sentences per model call. Larger batches gained nothing measurable on the benchmark and hold more
    /// memory per call.</summary>
    internal const int BatchSentences = 32;

    /// <summary>Sentences sorted together: enough for batches of even length, few enough that the first documents are
    /// saved soon.</summary>
    private const int WindowBatches = 16;

    private const int DocumentsPerTransaction = 256;

    /// <summary>Vectors kept for copies of a sentence later in the same ingestion: 24 MiB at 384 dimensions, and more
    /// than the whole BBC set's copies need (a copy of a story there comes at most 354 stories after it).</summary>
    private const int RememberedSentences = 16_384;

    public Task<int> IngestAsync(DocumentDraft draft, CancellationToken cancellationToken) =>
        IngestAsync(One(draft), 1, cancellationToken);

    /// <summary>Stores every draft; returns how many were saved. <paramref name="expected"/> is for the progress line.
    /// A failure (a full disk, say) stops the pipeline and is rethrown; documents in committed transactions stay.</summary>
    public async Task<int> IngestAsync(IAsyncEnumerable<DocumentDraft> drafts, int expected, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<string[]>(new BoundedChannelOptions(embedder.Parallelism * 2) { SingleWriter = true });
        var inOrder = Channel.CreateUnbounded<PendingDocument>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var progress = new IngestProgress(terminal.Writer, time, expected);
        var saving = SaveAsync(inOrder.Reader, progress, stopping.Token);
        var distinct = new DistinctSentences(RememberedSentences);
        Task[] stages =
        [
            ReadAsync(drafts, distinct, batches.Writer, inOrder.Writer, stopping.Token),
            .. Enumerable.Range(0, embedder.Parallelism).Select(_ => Task.Factory.StartNew(() => Embed(batches.Reader, distinct, stopping.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)),
            saving,
        ];
        try
        {
            // The first stage to fail stops the others, so none waits forever on a channel.
            foreach (var stage in stages) _ = stage.ContinueWith(_ => stopping.Cancel(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await Task.WhenAll(stages);
        }
        catch (Exception) when (stages.Where(s => s.IsFaulted).SelectMany(s => s.Exception!.InnerExceptions)
                                       .FirstOrDefault(e => e is not OperationCanceledException) is { } cause)
        {
            ExceptionDispatchInfo.Throw(cause);
        }
        finally
        {
            progress.Finish();
        }
        return await saving;
    }

    private async Task ReadAsync(IAsyncEnumerable<DocumentDraft> drafts, DistinctSentences distinct,
        ChannelWriter<string[]> batches, ChannelWriter<PendingDocument> inOrder, CancellationToken cancellationToken)
    {
        var splitter = new PassageSplitter(options.Value.PassageWords);
        var window = new List<string>();
        await foreach (var draft in drafts.WithCancellation(cancellationToken))
        {
            var document = new PendingDocument(draft, splitter.Split(draft.Clean.Paragraphs));
            await inOrder.WriteAsync(document, cancellationToken);
            for (var s = 0; s < document.Sentences.Length; s++)
                if (distinct.Add(document, s)) window.Add(document.Sentences[s]);
            if (window.Count >= BatchSentences * WindowBatches) await FlushAsync(window, batches, cancellationToken);
        }
        await FlushAsync(window, batches, cancellationToken);
        batches.Complete();
        inOrder.Complete();
    }

    private static async Task FlushAsync(List<string> window, ChannelWriter<string[]> batches, CancellationToken cancellationToken)
    {
        // Character length stands in for token count: close enough to keep padding small, and free.
        foreach (var chunk in window.OrderBy(text => text.Length).Chunk(BatchSentences))
            await batches.WriteAsync(chunk, cancellationToken);
        window.Clear();
    }

    /// <summary>One model call after another, on a thread of its own: inference is synchronous and long, and the
    /// thread pool's few threads stay free for reading and saving.</summary>
    private void Embed(ChannelReader<string[]> batches, DistinctSentences distinct, CancellationToken cancellationToken)
    {
        while (batches.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            while (batches.TryRead(out var batch)) distinct.Deliver(batch, embedder.EmbedBatch(batch, cancellationToken));
        }
    }

    private async Task<int> SaveAsync(ChannelReader<PendingDocument> inOrder, IngestProgress progress, CancellationToken cancellationToken)
    {
        var saved = 0;
        var transaction = new List<PendingDocument>(DocumentsPerTransaction);
        while (await inOrder.WaitToReadAsync(cancellationToken))
        {
            // Wait for the next document in order, then take every one after it that is ready too.
            while (transaction.Count < DocumentsPerTransaction && inOrder.TryPeek(out var next)
                   && (transaction.Count == 0 || next.Embedded.Task.IsCompleted))
            {
                await next.Embedded.Task.WaitAsync(cancellationToken);
                inOrder.TryRead(out _);
                transaction.Add(next);
            }
            await store.SaveDocumentsAsync([.. transaction.Select(d => d.ToEmbedded())], cancellationToken);
            foreach (var document in transaction)
                if (document.Draft.OnSaved is { } onSaved) await onSaved(cancellationToken);
            saved += transaction.Count;
            progress.Advance(transaction.Count, transaction.Sum(d => d.Sentences.Length));
            transaction.Clear();
        }
        return saved;
    }

    private static async IAsyncEnumerable<DocumentDraft> One(DocumentDraft draft)
    {
        await Task.CompletedTask;
        yield return draft;
    }
}
