using System.ComponentModel.DataAnnotations;

namespace Newsdesk.Chat;

public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Questions that may wait for a worker; past this, users are told the bot is busy.</summary>
    [Range(1, 100_000)]
    public int InboxCapacity { get; set; } = 1000;

    /// <summary>Questions answered at once. Answering is CPU-bound (embedding), so about one per core.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How far below normal <c>serve</c> runs ONNX inference, most of an answer's CPU (Linux nice value,
    /// relative; 0 = normal priority, 19 = lowest). Acknowledging a platform request must beat its 3 s deadline; an
    /// answer can wait the few ms an acknowledgement takes. Measured in docs/reliability.md, "Load".</summary>
    [Range(0, 19)]
    public int AnsweringNiceness { get; set; } = 10;

    /// <summary>On shutdown (SIGTERM, Ctrl+C), how long the workers may go on answering what is already queued. Past
    /// it, answering stops and everyone still waiting is told to ask again. <c>serve</c> sets the host's shutdown
    /// timeout to this plus <see cref="ApologyTimeout"/>, so the apologies have time to go out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a journalled question stays this process's after its last renewal. Renewed every third of
    /// it while the process lives (through the shutdown drain too), so another process sharing the store takes a
    /// question over only from one that died or stalled this long. Longer means a slower take-over after a crash;
    /// shorter means more renewals and less room for a stalled process.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan JournalLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most one "please ask again" reply may take once the drain deadline has passed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ApologyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
