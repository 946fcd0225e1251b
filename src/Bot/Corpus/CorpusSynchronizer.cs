using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsdesk.Corpus;

/// <summary>Brings the store in line with the corpus folders: new or changed files are cleaned, split and embedded;
/// files that are gone leave the store; unchanged files cost one hash each.</summary>
public sealed class CorpusSynchronizer(
    KnowledgeStore store,
    PassageEmbedder embedder,
    IOptions<CorpusOptions> options,
    ILogger<CorpusSynchronizer> logger)
{
    private const string FileOrigin = "file";
    private const int EmbeddingBatch = 32;

    public sealed record Result(int Added, int Updated, int Removed, int Unchanged, int Empty);

    public async Task<Result> SynchronizeAsync(CancellationToken cancellationToken)
    {
        var known = await store.GetContentHashesAsync(FileOrigin, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, updated = 0, unchanged = 0, empty = 0;

        foreach (var (source, path) in EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(source))
            {
                logger.LogWarning("Skipping {Path}: another corpus folder already has a file at {Source}", path, source);
                continue;
            }
            var content = await File.ReadAllTextAsync(path, cancellationToken);
            var hash = Fingerprint(content);
            if (known.TryGetValue(source, out var storedHash) && storedHash == hash)
            {
                unchanged++;
                continue;
            }

            var clean = DocumentCleaner.Clean(content, Path.GetExtension(path));
            if (clean.IsEmpty)
            {
                // Keep the hash so an unreadable file is not re-parsed on every run, but give it no passages.
                empty++;
                logger.LogWarning("{Source} has no article text after cleaning; it is stored without passages", source);
            }
            var passages = await EmbedAsync(new PassageSplitter(options.Value.PassageWords).Split(clean.Paragraphs), cancellationToken);
            var published = PublicationDateReader.Read(content, Path.GetExtension(path));
            var record = new DocumentRecord(source, FileOrigin, clean.Title, Url: null, hash, published?.Value, FeedName: null) { PublishedFrom = published?.From };
            await store.SaveDocumentAsync(record, passages, cancellationToken);
            if (known.ContainsKey(source)) updated++; else added++;
            if ((added + updated) % 200 == 0) logger.LogInformation("Indexed {Count} documents so far", added + updated);
        }

        var removed = 0;
        foreach (var gone in known.Keys.Where(source => !seen.Contains(source)))
        {
            await store.RemoveDocumentAsync(gone, cancellationToken);
            removed++;
        }
        var result = new Result(added, updated, removed, unchanged, empty);
        logger.LogInformation("Corpus synchronised: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged",
            added, updated, removed, unchanged);
        return result;
    }

    public async Task<IReadOnlyList<EmbeddedPassage>> EmbedAsync(IReadOnlyList<SplitPassage> passages, CancellationToken cancellationToken)
    {
        var sentences = passages.SelectMany(p => p.Sentences.Select(s => p.Text.Substring(s.Start, s.Length))).ToList();
        var vectors = new List<float[]>(sentences.Count);
        foreach (var batch in sentences.Chunk(EmbeddingBatch))
        {
            // ONNX inference is CPU-bound and synchronous; keep it off the caller's thread.
            vectors.AddRange(await Task.Run(() => embedder.EmbedPassages(batch, cancellationToken), cancellationToken));
        }
        var result = new List<EmbeddedPassage>(passages.Count);
        var next = 0;
        foreach (var passage in passages)
        {
            result.Add(new EmbeddedPassage(passage, vectors.GetRange(next, passage.Sentences.Count)));
            next += passage.Sentences.Count;
        }
        return result;
    }

    /// <summary>Files under every corpus folder, keyed by their path relative to that folder ("/"-separated).</summary>
    private IEnumerable<(string Source, string Path)> EnumerateFiles()
    {
        foreach (var folder in options.Value.Folders)
        {
            var root = Path.GetFullPath(folder);
            if (!Directory.Exists(root))
            {
                logger.LogWarning("Corpus folder {Folder} does not exist", root);
                continue;
            }
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => DocumentCleaner.SupportedExtensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal);
            foreach (var file in files) yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), file);
        }
    }

    // The hash covers the settings that shape passages and vectors, so changing them re-indexes everything.
    private string Fingerprint(string content)
    {
        var settings = $"{embedder.ModelName}|{options.Value.PassageWords}|sentences-v2|";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(settings + content)));
    }
}
