using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval;
using Newsdesk.Storage;

namespace Newsdesk.Answering;

/// <summary>The vectors of the span windows of every stored sentence, embedded ahead of the questions and kept in a
/// file beside a SQLite store ("&lt;store&gt;.span-windows", <see cref="SpanWindowVectorFile"/>). A window is words of a
/// stored sentence around a span of some answer kind, so its text (and its vector, which depends on the text alone)
/// never depends on the question: only which windows a question measures does. A question's first ask then embeds
/// only its focus phrase, where it used to embed up to eight windows too (most of its time: about 0.22 ms a token
/// position, docs/performance.md). Sentences stored after the file was prepared still have their windows embedded
/// when asked, as before, until the next preparation. The file is prepared by <see cref="Prepare"/>: in the
/// background by <c>serve</c> (<see cref="SpanWindowPreparation"/>), and by the latency benchmark.</summary>
public sealed class KnownSpanWindows(PassageEmbedder embedder, IOptions<StorageOptions> storage, ILogger<KnownSpanWindows> logger) : IDisposable
{
    // Rows a model call during preparation: sorted by length, so little padding; short enough that a background call
    // on a busy machine holds a core for a fraction of a second.
    private const int RowsPerCall = 64;
    private readonly Lock opening = new();
    private volatile SpanWindowVectorFile? file;
    private volatile bool isOpened;

    /// <summary>The stored vector of <paramref name="window"/>; false where none is stored (no file, another model's,
    /// or a window prepared after it), and the window is embedded as it always was.</summary>
    public bool TryGet(string window, int dimensions, out float[] vector)
    {
        try
        {
            if (Opened(dimensions) is { } known && known.TryGet(window, out vector)) return true;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            logger.LogWarning("Ignoring the span windows kept in {Path} ({Reason}); embedding them as asked", Path(), exception.Message);
            file = null;
        }
        vector = [];
        return false;
    }

    /// <summary>Embeds the windows of <paramref name="snapshot"/>'s sentences that the file does not hold yet, with
    /// <paramref name="embed"/> (one model call a slice, on whichever thread it chooses), and writes the file anew
    /// with every window of the snapshot. The windows already held are copied, not embedded again; nothing is written
    /// when all are held, or where there is no SQLite store to keep the file beside.</summary>
    public SpanWindowCount Prepare(PassageIndex snapshot, Func<string[], float[][]> embed, CancellationToken cancellationToken)
    {
        if (Path() is not { } path) return new SpanWindowCount(0, 0);
        var windows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Passages.Count; i++)
        {
            var text = snapshot.Passages[i].Text;
            foreach (var sentence in snapshot.SentenceSpans(i))
                windows.UnionWith(SpanWindows.OfEveryKind(text.Substring(sentence.Start, sentence.Length)));
        }
        // Only the texts are held: the vectors (1.5 KB each) are read again from the old file as the new one is written.
        var known = new List<string>();
        var missing = new List<string>();
        foreach (var window in windows)
            if (TryGet(window, snapshot.Dimensions, out _)) known.Add(window);
            else missing.Add(window);
        if (missing.Count == 0) return new SpanWindowCount(windows.Count, 0);

        missing.Sort((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
        SpanWindowVectorFile.Write(path, embedder.ModelName, snapshot.Dimensions, [.. known, .. missing],
            known.Select(window => TryGet(window, snapshot.Dimensions, out var vector) ? vector : throw new InvalidDataException($"The span-window file lost '{window}' while it was rewritten."))
                .Concat(Embedded(missing, embed, cancellationToken)));
        lock (opening)
        {
            // A question reading the old file keeps its handle, which the runtime closes once it is unreachable.
            isOpened = false;
            file = null;
        }
        logger.LogInformation("Kept the vectors of {Windows} span windows in {Path} ({New} embedded now)", windows.Count, path, missing.Count);
        return new SpanWindowCount(windows.Count, missing.Count);
    }

    private static IEnumerable<float[]> Embedded(List<string> windows, Func<string[], float[][]> embed, CancellationToken cancellationToken)
    {
        for (var start = 0; start < windows.Count; start += RowsPerCall)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var vector in embed([.. windows.Skip(start).Take(RowsPerCall)])) yield return vector;
        }
    }

    private SpanWindowVectorFile? Opened(int dimensions)
    {
        if (isOpened) return file;
        lock (opening)
        {
            if (isOpened) return file;
            file = Path() is { } path ? SpanWindowVectorFile.Open(path, embedder.ModelName, dimensions) : null;
            isOpened = true;
            return file;
        }
    }

    // Beside a SQLite store only, as the index snapshot: a PostgreSQL store's replicas share no folder.
    private string? Path() => storage.Value.StartupCachePath(".span-windows");

    public void Dispose() => file?.Dispose();
}
