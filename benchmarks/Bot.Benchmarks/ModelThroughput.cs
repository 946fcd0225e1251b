using System.Diagnostics;
using Newsdesk.Corpus;

namespace Newsdesk.Benchmarks;

/// <summary>The embedding model's own throughput: sentences only, no cleaning, splitting or storing, sorted by length
/// so batches carry little padding, one slice per core.</summary>
public static class ModelThroughput
{
    public sealed record Figure(double Seconds, double SentencesPerSecond, Dictionary<string, float[]> Vectors);

    /// <summary>Every sentence the corpus folders yield, cleaned and split as ingestion does it.</summary>
    public static List<string> Sentences(IEnumerable<string> folders, int passageWords)
    {
        var splitter = new PassageSplitter(passageWords);
        var sentences = new List<string>();
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
                     .Where(f => DocumentCleaner.SupportedExtensions.Contains(Path.GetExtension(f))))
        {
            var clean = DocumentCleaner.Clean(File.ReadAllText(file), Path.GetExtension(file));
            foreach (var passage in splitter.Split(clean.Paragraphs))
                sentences.AddRange(passage.Sentences.Select(s => passage.Text.Substring(s.Start, s.Length)));
        }
        return sentences;
    }

    public static Figure Measure(PassageEmbedder embedder, IReadOnlyList<string> sentences, int batch)
    {
        var sorted = sentences.OrderBy(s => s.Length).ToArray();
        var vectors = new List<float[]>(sorted.Length);
        var started = Stopwatch.GetTimestamp();
        // One batch per core at a time: EmbedPassages slices what it is given over the cores.
        foreach (var chunk in sorted.Chunk(batch * Environment.ProcessorCount)) vectors.AddRange(embedder.EmbedPassages(chunk, CancellationToken.None));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bySentence = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++) bySentence.TryAdd(sorted[i], vectors[i]);
        return new Figure(seconds, sentences.Count / seconds, bySentence);
    }
}
