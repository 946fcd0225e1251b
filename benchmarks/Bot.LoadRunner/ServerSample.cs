using System.Globalization;

namespace Newsdesk.LoadRunner;

/// <summary>One reading the server process takes of itself: memory, the inbox and the thread pool.</summary>
public sealed record ServerSample(double Seconds, long WorkingSet, long GcHeap, long LiveBytes, int InboxDepth,
    int Threads, long PendingWorkItems, int Gen0, int Gen2)
{
    public const string Prefix = "SAMPLE ";

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{Seconds:F3} {WorkingSet} {GcHeap} {LiveBytes} {InboxDepth} {Threads} {PendingWorkItems} {Gen0} {Gen2}");

    public static ServerSample? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var p = line[Prefix.Length..].Split(' ');
        if (p.Length != 9) return null;
        var c = CultureInfo.InvariantCulture;
        return new ServerSample(double.Parse(p[0], c), long.Parse(p[1], c), long.Parse(p[2], c), long.Parse(p[3], c),
            int.Parse(p[4], c), int.Parse(p[5], c), long.Parse(p[6], c), int.Parse(p[7], c), int.Parse(p[8], c));
    }
}
