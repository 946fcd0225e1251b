using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Retrieval.Planted;
using Newsdesk.Storage;

namespace Newsdesk.Retrieval;

/// <summary>What <see cref="PassageIndexHolder"/> builds its index from: the snapshot beside a SQLite store
/// (<see cref="IndexSnapshotFile"/>) while it matches the store, else every row of the store, screened, with its terms
/// counted, and then kept as the snapshot for the next start.</summary>
public sealed class IndexSource(IKnowledgeStore store, MachineAddressedSentenceClassifier plantedSentences, IOptions<StorageOptions> storage,
    IOptions<RetrievalOptions> retrieval, IFreeDiskSpace disk, ILogger<IndexSource> logger)
{
    public async Task<IndexSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var (snapshot, contentKey) = await ReadSnapshotAsync(cancellationToken);
        return snapshot ?? await ScreenStoreAsync(contentKey, cancellationToken);
    }

    /// <summary>The snapshot beside the store when it matches the store's content; null (and the store is read) when
    /// there is none, it is stale, or it cannot be read. With it, the store's content key when it was computed (one
    /// pass over every document row), for the store's reading to start from.</summary>
    private async Task<(IndexSnapshot? Snapshot, string? ContentKey)> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        if (SnapshotPath() is not { } path || !File.Exists(path)) return (null, null);
        if (await store.GetContentKeyAsync(cancellationToken) is not { } content) return (null, null);
        try
        {
            var snapshot = IndexSnapshotFile.Read(path, IndexSnapshotFile.KeyFor(content));
            if (snapshot is null) logger.LogInformation("The index snapshot {Path} is older than the store; rebuilding it", path);
            else logger.LogInformation("Read the search index from the snapshot {Path}", path);
            return (snapshot, content);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            logger.LogWarning("Ignoring the index snapshot {Path}, which cannot be read ({Reason}); loading from the store", path, exception.Message);
            return (null, content);
        }
    }

    /// <summary>Reads and screens every row, counts the terms, and keeps the result beside the store for the next
    /// start, unless the store changed while it was read (the content key before and after differ).</summary>
    /// <param name="contentKey">The key computed just before, when the snapshot was tried: still a valid "before",
    /// since a change after it makes the key after the reading differ all the same.</param>
    private async Task<IndexSnapshot> ScreenStoreAsync(string? contentKey, CancellationToken cancellationToken)
    {
        var path = SnapshotPath();
        var before = path is null ? null : contentKey ?? await store.GetContentKeyAsync(cancellationToken);
        var (passages, planted) = PlantedSentenceScreen.Screen(await store.LoadPassagesAsync(cancellationToken), plantedSentences);
        var snapshot = new IndexSnapshot(passages, planted, new TermStatistics(passages.Select(p => p.Passage.Title + " " + p.Passage.Text)));
        if (path is null || before is null || before != await store.GetContentKeyAsync(cancellationToken)) return snapshot;
        // Past the in-memory size the floats go to a row file of their own; a snapshot would copy them once more.
        if (snapshot.Passages.Sum(p => (long)p.Sentences.Length) > retrieval.Value.DenseOnDiskAboveSentences) return snapshot;
        var key = IndexSnapshotFile.KeyFor(before);
        if (!HasRoomFor(path, key, snapshot))
        {
            logger.LogWarning("Not keeping the index snapshot {Path}: the disk has less than twice its size free, and the store needs the room more", path);
            return snapshot;
        }
        try
        {
            IndexSnapshotFile.Write(path, key, snapshot);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not keep the index snapshot {Path} ({Reason}); the next start reads the store again", path, exception.Message);
        }
        return snapshot;
    }

    // The snapshot is about the store's size: writing it on a nearly full disk could leave the store's own writes
    // without room until it is done. Unknown free space: try, and a failed write only costs a warning.
    private bool HasRoomFor(string path, string key, IndexSnapshot snapshot) =>
        disk.AvailableBytes(Path.GetDirectoryName(path)!) is not { } free || free >= 2 * IndexSnapshotFile.SizeOf(key, snapshot);

    // Beside a SQLite store only: a PostgreSQL store is shared by replicas that have no common folder.
    private string? SnapshotPath() => storage.Value.StartupCachePath(".index-snapshot");
}
