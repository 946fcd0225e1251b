using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Newsdesk.Corpus;
using Newsdesk.Storage;

namespace Newsdesk.Retrieval;

/// <summary>An <see cref="IndexSnapshot"/> as one file beside the store, read in one sequential pass: a start reads it
/// instead of every row from SQLite, the planted-sentence screen and the term count (most of the index load's time).
/// The store stays the source of truth: the file is used only while its key matches the store's content key and this
/// build of the code (whose screen and term analysis made it), and is otherwise rebuilt from the store.</summary>
public static class IndexSnapshotFile
{
    // Bump when the layout below changes; a build's own identity covers changes to what the screen and analysis produce.
    private const int FormatVersion = 1;
    private const string Magic = "newsdesk-index-snapshot";

    /// <summary>The key a snapshot of a store with this content key carries, for this build of the code.</summary>
    public static string KeyFor(string storeContentKey) =>
        $"{FormatVersion}|{typeof(IndexSnapshotFile).Assembly.ManifestModule.ModuleVersionId:N}|{storeContentKey}";

    /// <summary>Writes under a temporary name and renames it into place, so a reader never sees half a file.</summary>
    public static void Write(string path, string key, IndexSnapshot snapshot)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var checksummed = new Crc32CStream(file);
                using var writer = new BinaryWriter(checksummed, Encoding.UTF8, leaveOpen: true);
                writer.Write(Magic);
                writer.Write(key);
                writer.Write(snapshot.Planted);
                writer.Write(snapshot.Passages.Count);
                foreach (var (passage, sentences, vectors) in snapshot.Passages) WritePassage(writer, passage, sentences, vectors);
                writer.Write(snapshot.Terms.PassageCount);
                writer.Write(snapshot.Terms.PassageFrequencies.Count);
                foreach (var (term, count) in snapshot.Terms.PassageFrequencies)
                {
                    writer.Write(term);
                    writer.Write(count);
                }
                writer.Write(Magic);
                writer.Flush();
                // The checksum of everything before it, outside it.
                Span<byte> checksum = stackalloc byte[sizeof(uint)];
                BinaryPrimitives.WriteUInt32LittleEndian(checksum, checksummed.Checksum);
                file.Write(checksum);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The bytes <see cref="Write"/> takes for this snapshot under this key, counted field by field in the
    /// order written (keep the two in step): what the disk must have room for before it is written.</summary>
    public static long SizeOf(string key, IndexSnapshot snapshot)
    {
        var size = 2 * StringSize(Magic) + StringSize(key) + sizeof(int) * 4 + sizeof(uint);
        foreach (var (passage, sentences, vectors) in snapshot.Passages)
        {
            size += sizeof(long) * 4 + sizeof(int) * 3 + StringSize(passage.Source) + StringSize(passage.Title)
                + StringSize(passage.Url?.OriginalString ?? "") + StringSize(passage.Text)
                + MemoryMarshal.AsBytes(sentences.AsSpan()).Length + (long)vectors.Length * sizeof(float);
        }
        foreach (var term in snapshot.Terms.PassageFrequencies.Keys) size += StringSize(term) + sizeof(int);
        return size;
    }

    // BinaryWriter writes a string as its UTF-8 length, seven bits a byte, then the UTF-8 bytes.
    private static long StringSize(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        var prefix = 1;
        for (var rest = (uint)bytes >> 7; rest > 0; rest >>= 7) prefix++;
        return prefix + bytes;
    }

    /// <summary>The snapshot, or null when the file's key is not <paramref name="key"/> (a stale snapshot).</summary>
    /// <exception cref="InvalidDataException">The file is not a whole snapshot (truncated, overwritten, another format).</exception>
    public static IndexSnapshot? Read(string path, string key)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var checksummed = new Crc32CStream(file);
        using var reader = new BinaryReader(checksummed, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException("not an index snapshot");
            if (reader.ReadString() != key) return null;
            var planted = reader.ReadInt32();
            var passages = new (StoredPassage, SentenceSpan[], float[])[Count(reader, 1)];
            for (var i = 0; i < passages.Length; i++) passages[i] = ReadPassage(reader);
            var passageCount = reader.ReadInt32();
            var terms = Count(reader, 5);
            var frequency = new Dictionary<string, int>(terms, StringComparer.Ordinal);
            for (var i = 0; i < terms; i++) frequency.Add(reader.ReadString(), reader.ReadInt32());
            if (reader.ReadString() != Magic) throw new InvalidDataException("the snapshot does not end where it should");
            var computed = checksummed.Checksum;
            Span<byte> checksum = stackalloc byte[sizeof(uint)];
            file.ReadExactly(checksum);
            if (BinaryPrimitives.ReadUInt32LittleEndian(checksum) != computed || file.Position != file.Length)
                throw new InvalidDataException("the snapshot's checksum does not match its content");
            return new IndexSnapshot(passages, planted, new TermStatistics(frequency, passageCount));
        }
        catch (Exception exception) when (exception is EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"unreadable index snapshot ({exception.Message})", exception);
        }
    }

    private static void WritePassage(BinaryWriter writer, StoredPassage passage, SentenceSpan[] sentences, float[] vectors)
    {
        writer.Write(passage.Id);
        writer.Write(passage.DocumentId);
        writer.Write(passage.Source);
        writer.Write(passage.Title);
        writer.Write(passage.Url?.OriginalString ?? "");
        writer.Write(passage.Ordinal);
        writer.Write(passage.Text);
        writer.Write(passage.AddedAt.Ticks);
        writer.Write(passage.AddedAt.Offset.Ticks);
        writer.Write(sentences.Length);
        writer.Write(MemoryMarshal.AsBytes(sentences.AsSpan()));
        writer.Write(vectors.Length);
        writer.Write(MemoryMarshal.AsBytes(vectors.AsSpan()));
    }

    private static (StoredPassage, SentenceSpan[], float[]) ReadPassage(BinaryReader reader)
    {
        var id = reader.ReadInt64();
        var documentId = reader.ReadInt64();
        var source = reader.ReadString();
        var title = reader.ReadString();
        var url = reader.ReadString() is { Length: > 0 } address ? new Uri(address) : null;
        var ordinal = reader.ReadInt32();
        var text = reader.ReadString();
        var addedAt = new DateTimeOffset(reader.ReadInt64(), new TimeSpan(reader.ReadInt64()));
        var sentences = new SentenceSpan[Count(reader, 8)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(sentences.AsSpan()));
        var vectors = new float[Count(reader, sizeof(float))];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        return (new StoredPassage(id, documentId, source, title, url, ordinal, text, addedAt), sentences, vectors);
    }

    // A count read from the file, checked against the bytes left before anything that size is allocated: an
    // overwritten count must not ask for gigabytes.
    private static int Count(BinaryReader reader, int bytesEach)
    {
        var count = reader.ReadInt32();
        if (count < 0 || (long)count * bytesEach > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException($"a count of {count} does not fit in what is left of the snapshot");
        return count;
    }
}
