using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Beat;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Retrieval;
using Newsdesk.Tests.Beat;
using Newsdesk.Tests.Digest;

namespace Newsdesk.Benchmarks;

/// <summary><c>beat-preview</c>: the first digest after importing the BBC's entertainment, tech and business sections at
/// once, judged story by story against the hand labels: which stories it shows, and how many of those its
/// "…and N more" counts are off the beat. <c>digest --preview</c> prints the count but not the stories behind it; this
/// runs the same selection (<see cref="DigestSelection"/>, the code <c>DigestComposer</c> runs) over the same arrivals
/// (each file new once: a later byte-for-byte copy is not new, as <c>ingest</c> records it) and lists them. It reads
/// every part's labels, the test part's too, so it is a read of the test part: run it once, after every value is chosen.
/// The store is the one the <c>beat</c> verb builds (<c>WORK/beat-bbc.db</c>); it embeds only the headlines on the beat.</summary>
public static class BeatPreview
{
    private static readonly string[] Sections = ["entertainment", "tech", "business"];
    private static readonly DateTimeOffset Day = new(2005, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var labels = BeatLabel.Load(Path.GetFullPath(Path.Combine("tests", "Bot.Tests", "Beat", "beat-labels.tsv")))
            .ToDictionary(l => l.Source, StringComparer.Ordinal);
        using var host = BotHost.Create(Path.Combine(options.WorkFolder, "beat-bbc.db"), [options.Bbc], options.Settings);
        await host.Services.GetRequiredService<SearchIndexLoader>().LoadAsync(CancellationToken.None);
        var beat = host.Services.GetRequiredService<BeatClassifier>();
        var judge = host.Services.GetRequiredService<BeatJudge>();
        var snapshot = host.Services.GetRequiredService<PassageIndexHolder>().Current;
        var embedder = host.Services.GetRequiredService<PassageEmbedder>();
        var firstPassages = snapshot.Passages.Where(p => p.Ordinal == 0).ToDictionary(p => p.Source, StringComparer.Ordinal);

        var files = Sections.SelectMany(section => Directory.EnumerateFiles(Path.Combine(options.Bbc, section), "*.txt")
            .Order(StringComparer.Ordinal).Select(path => $"{section}/{Path.GetFileName(path)}")).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var arrivals = files.Where(source => seen.Add(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(options.Bbc, source)))))).ToList();
        var arrived = arrivals.Select((source, i) => new DigestCandidate(
            new ArrivedStory(source, labels[source].Title, null, "bbc", null, Day.AddHours(24.0 * (i + 0.5) / arrivals.Count)),
            judge.Margin(snapshot, source))).ToList();
        var selection = DigestSelection.Choose(arrived,
            c => embedder.EmbedQuery(BeatClassifier.HeadlineText(firstPassages[c.Story.DocumentSource].Title, firstPassages[c.Story.DocumentSource].Text), default),
            beat, Day, Day.AddDays(1), SimulatedDigestDays.DigestLength);

        var model = host.Services.GetRequiredService<IOptions<CorpusOptions>>().Value.EmbeddingModel;
        Console.WriteLine($"model {model}; {files.Count} files, {arrivals.Count} new ({files.Count - arrivals.Count} copies); " +
            $"{arrived.Count(c => beat.Cuts.IsOnBeat(c.Margin))} on the beat");
        string Describe(DigestCandidate c) => $"{Label(c)} {labels[c.Story.DocumentSource].Part,-5} {c.Story.DocumentSource} \"{c.Story.Title}\"";
        string Label(DigestCandidate c) => labels[c.Story.DocumentSource].IsMusic ? "music" : "OTHER";
        foreach (var story in selection.Chosen)
            Console.WriteLine($"shown: {Describe(story.Lead)}" + (story.Reports.Count > 1 ? $" (+{story.Reports.Count - 1} more sources)" : ""));
        var counted = selection.Stories.Skip(selection.Chosen.Count).ToList();
        var offBeat = counted.Where(s => !labels[s[0].Story.DocumentSource].IsMusic).ToList();
        Console.WriteLine($"…and {selection.MoreCount} more: {offBeat.Count} off the beat by the labels " +
            $"({string.Join(", ", offBeat.GroupBy(s => labels[s[0].Story.DocumentSource].Part).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))})");
        foreach (var story in offBeat) Console.WriteLine($"  counted, off the beat: {Describe(story[0])}");
        return 0;
    }
}
