using System.Globalization;

namespace Newsdesk.Corpus;

/// <summary>One line on a terminal, rewritten in place while a long ingestion runs: documents done out of the total,
/// the rate, and the time left. Writes nothing without a terminal (standard error redirected to a file or a log
/// collector), and nothing for an ingestion that ends within <see cref="QuietFor"/>.</summary>
public sealed class IngestProgress(TextWriter? terminal, TimeProvider time, int total)
{
    /// <summary>A short ingestion (a feed item, a small folder) is over before a line would help.</summary>
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    private readonly long started = time.GetTimestamp();
    private TimeSpan shownAt = TimeSpan.MinValue;
    private int documents;
    private int sentences;
    private bool isShowing;

    public void Advance(int documentsDone, int sentencesDone)
    {
        documents += documentsDone;
        sentences += sentencesDone;
        if (terminal is null) return;
        var elapsed = time.GetElapsedTime(started);
        if (elapsed < QuietFor || (isShowing && elapsed - shownAt < Every && documents < total)) return;
        shownAt = elapsed;
        isShowing = true;
        terminal.Write("\r" + Line(elapsed) + "   ");
        terminal.Flush();
    }

    /// <summary>Ends the line, so what is written next starts on its own.</summary>
    public void Finish()
    {
        if (!isShowing) return;
        terminal!.WriteLine("\r" + Line(time.GetElapsedTime(started)) + "   ");
        isShowing = false;
    }

    internal string Line(TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var perSecond = documents / seconds;
        var left = perSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - documents) / perSecond) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"Ingesting: {documents:N0}/{total:N0} documents, {perSecond:F0} documents/s ({sentences / seconds:F0} sentences/s), {left:m\\:ss} left");
    }
}
