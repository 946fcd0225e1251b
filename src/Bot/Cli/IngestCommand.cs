using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Storage;

namespace Newsdesk.Cli;

/// <summary><c>ingest &lt;file|folder|feed-url&gt;</c>: adds to the store now. Files and folders are stored as
/// "import" documents (a folder re-scan does not remove them) and count as arrivals for the next digest; a feed URL is
/// read once through the same guarded fetcher as the poller, its items stored as back catalogue.</summary>
public sealed class IngestCommand(DocumentIngestor ingestor, IFeedItemStore items, FeedPoller poller, TimeProvider time)
{
    public const string Origin = "import";

    public async Task<int> RunAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count == 0)
        {
            await Console.Error.WriteLineAsync("ingest needs a file, a folder or a feed URL: ingest data/articles/ | ingest https://example.com/feed.xml");
            return 2;
        }
        try
        {
            return await IngestAsync(command, output, cancellationToken);
        }
        catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception))
        {
            // Documents are saved a transaction at a time, so those being written when space ran out are not in the store.
            await Console.Error.WriteLineAsync($"The store cannot be written ({exception.Message}). " +
                "Documents saved before this one are kept and nothing is half-written; free some space and run ingest again.");
            return 1;
        }
    }

    private async Task<int> IngestAsync(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var target in command.Arguments)
        {
            if (Uri.TryCreate(target, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                try
                {
                    added += await poller.IngestFeedNowAsync(url, null, cancellationToken);
                }
                catch (FeedFetchException exception)
                {
                    await Console.Error.WriteLineAsync($"{url.Host}: {exception.Message}");
                    return 1;
                }
            }
            else if (Directory.Exists(target) || File.Exists(target))
            {
                var files = File.Exists(target) ? [target] : Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
                    .Where(f => DocumentCleaner.SupportedExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToArray();
                // A file is named by its path from the folder it was imported with, that folder's name first
                // ("bbc/entertainment/103.txt"): what a digest shows as the story's source.
                var root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(target))) ?? "";
                added += await ingestor.IngestAsync(ImportDrafts(files, root, cancellationToken), files.Length, cancellationToken);
            }
            else
            {
                await Console.Error.WriteLineAsync($"Not a file, a folder or an http(s) URL: {target}");
                return 2;
            }
        }
        await output.WriteLineAsync($"Ingested {added} new document{(added == 1 ? "" : "s")}.");
        return 0;
    }

    /// <summary>The files not yet stored (by the hash of their words, as feed items are known), read and cleaned as the
    /// ingestion pipeline asks for them.</summary>
    private async IAsyncEnumerable<DocumentDraft> ImportDrafts(string[] files, string root,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Two identical files in one run: the first is not in the store yet when the second is read.
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = Path.GetFullPath(file);
            var content = await File.ReadAllTextAsync(path, cancellationToken);
            var clean = DocumentCleaner.Clean(content, Path.GetExtension(path));
            if (clean.IsEmpty) continue;
            var hash = FeedItemIngestor.ContentHash(clean);
            var label = Path.GetRelativePath(root, path).Replace('\\', '/');
            var item = new FeedItem(path, null, clean.Title, "", null);
            if (!hashes.Add(hash) || await items.HasContentAsync(hash, cancellationToken))
            {
                // The same words are stored already (or come earlier in this run): remember this file (not new, nothing
                // stored), so a digest that lists the stored story names this file as another source of it, as feeds'
                // copies are remembered.
                await items.AddAsync($"{Origin}:", item, hash, path, label, time.GetUtcNow(), isNew: false, cancellationToken);
                continue;
            }
            var published = PublicationDateReader.Read(content, Path.GetExtension(path));
            var record = new DocumentRecord(path, Origin, clean.Title, null, hash, published?.Value, null) { PublishedFrom = published?.From };
            yield return new DocumentDraft(record, clean)
            {
                OnSaved = saved => items.AddAsync($"{Origin}:", item, hash, path, label, time.GetUtcNow(), isNew: true, saved),
            };
        }
    }
}
