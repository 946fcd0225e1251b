using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;

namespace Newsdesk.Corpus;

/// <summary>Brings the store in line with the corpus folders: new or changed files are cleaned, split and embedded;
/// files that are gone leave the store (unless a configured folder is missing: then nothing leaves); unchanged files
/// cost one hash each.</summary>
public sealed class CorpusSynchronizer(
    IKnowledgeStore store,
    DocumentIngestor ingestor,
    PassageEmbedder embedder,
    IOptions<CorpusOptions> options,
    IOptions<StorageOptions> storage,
    ILogger<CorpusSynchronizer> logger)
{
    private const string FileOrigin = "file";

    public sealed record Result(int Added, int Updated, int Removed, int Unchanged, int Empty);

    private sealed record ChangedFile(string Source, string Path, string Content, string Hash);

    public async Task<Result> SynchronizeAsync(CancellationToken cancellationToken)
    {
        var known = await store.GetContentHashesAsync(FileOrigin, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<ChangedFile>();
        var unchanged = 0;
        var missingFolders = new List<string>();
        var stampsPath = StampsPath();
        var stamps = ReadStamps(stampsPath);

        // Hashing first tells how many documents the pipeline will take (for its progress line); cleaning, splitting
        // and embedding happen inside it, overlapped.
        foreach (var (source, path) in EnumerateFiles(missingFolders))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(source))
            {
                logger.LogWarning("Skipping {Path}: another corpus folder already has a file at {Source}", path, source);
                continue;
            }
            var file = new FileInfo(path);
            var storedHash = known.GetValueOrDefault(source);
            if (storedHash is not null && stamps.HashOf(source, file) == storedHash)
            {
                unchanged++;
                continue;
            }
            // The real clock, not TimeProvider: it is compared with the file's modification time, which the file
            // system stamps from the real clock, and a test's clock does not move that one.
            var hashedAt = DateTime.UtcNow;
            var content = await File.ReadAllTextAsync(path, cancellationToken);
            var hash = Fingerprint(content);
            stamps.Remember(source, file, hash, hashedAt);
            if (storedHash == hash) unchanged++;
            else changed.Add(new ChangedFile(source, path, content, hash));
        }

        var empty = 0;
        async IAsyncEnumerable<DocumentDraft> Drafts()
        {
            foreach (var file in changed)
            {
                var clean = DocumentCleaner.Clean(file.Content, Path.GetExtension(file.Path));
                if (clean.IsEmpty)
                {
                    // Keep the hash so an unreadable file is not re-parsed on every run, but give it no passages.
                    empty++;
                    logger.LogWarning("{Source} has no article text after cleaning; it is stored without passages", file.Source);
                }
                var published = PublicationDateReader.Read(file.Content, Path.GetExtension(file.Path));
                var record = new DocumentRecord(file.Source, FileOrigin, clean.Title, Url: null, file.Hash, published?.Value, FeedName: null) { PublishedFrom = published?.From };
                yield return new DocumentDraft(record, clean);
            }
            await Task.CompletedTask;
        }
        await ingestor.IngestAsync(Drafts(), changed.Count, cancellationToken);

        var removed = 0;
        var gone = known.Keys.Where(source => !seen.Contains(source)).ToList();
        if (missingFolders.Count > 0 && gone.Count > 0)
        {
            // A missing folder (an unmounted volume, a typo) says nothing about its files, and sources do not record
            // which folder they came from: removing what was not seen could empty the store. Keep it all.
            logger.LogWarning("Keeping {Count} stored documents not found on disk, because corpus folder(s) {Folders} are missing",
                gone.Count, string.Join(", ", missingFolders));
            gone.Clear();
        }
        foreach (var source in gone)
        {
            await store.RemoveDocumentAsync(source, cancellationToken);
            removed++;
        }
        // Kept only once the store has taken the changes: a store found damaged part-way (its one-line store error
        // promises nothing written) or a cancelled run leaves the stamps as they were. Written earlier, they would be
        // harmless (a stamp is used only where the store holds the same hash), but written all the same.
        if (stampsPath is not null && stamps.Changed) WriteStamps(stamps, stampsPath);
        var updated = changed.Count(f => known.ContainsKey(f.Source));
        var result = new Result(changed.Count - updated, updated, removed, unchanged, empty);
        logger.LogInformation("Corpus synchronised: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged",
            result.Added, updated, removed, unchanged);
        return result;
    }

    // Beside a SQLite store only, like the store itself local to this machine's corpus folders.
    private string? StampsPath() => storage.Value.StartupCachePath(".corpus-stamps");

    private CorpusFileStamps ReadStamps(string? path)
    {
        if (path is null) return CorpusFileStamps.Empty();
        try
        {
            return CorpusFileStamps.Read(path, HashSettings);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            logger.LogWarning("Ignoring {Path}, which cannot be read ({Reason}); every corpus file is read and hashed", path, exception.Message);
            return CorpusFileStamps.Empty();
        }
    }

    private void WriteStamps(CorpusFileStamps stamps, string path)
    {
        try
        {
            stamps.Write(path, HashSettings);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not keep the corpus files' stamps in {Path} ({Reason}); the next start reads every file", path, exception.Message);
        }
    }

    /// <summary>Files under every corpus folder, keyed by their path relative to that folder ("/"-separated).</summary>
    private IEnumerable<(string Source, string Path)> EnumerateFiles(List<string> missingFolders)
    {
        foreach (var folder in options.Value.Folders)
        {
            var root = Path.GetFullPath(folder);
            if (!Directory.Exists(root))
            {
                logger.LogWarning("Corpus folder {Folder} does not exist", root);
                missingFolders.Add(root);
                continue;
            }
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => DocumentCleaner.SupportedExtensions.Contains(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal);
            foreach (var file in files) yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), file);
        }
    }

    // The hash covers the settings that shape passages and vectors, so changing them re-indexes everything.
    private string Fingerprint(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(HashSettings + content)));

    private string HashSettings => $"{embedder.ModelName}|{options.Value.PassageWords}|sentences-v2|";
}
