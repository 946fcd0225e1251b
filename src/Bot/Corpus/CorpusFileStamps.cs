using System.Text;

namespace Newsdesk.Corpus;

/// <summary>Each corpus file's size and modification time beside the content hash it had with them, kept in a file
/// beside the store: a start that finds a file with the same size and time, and the store holding that hash, knows it
/// unchanged without reading it (reading and hashing every file was a third of a second of every start at the BBC
/// set's size). Derived data, keyed by the settings the hash covers: a missing or unreadable file only means every
/// corpus file is read once more.</summary>
public sealed class CorpusFileStamps
{
    // A file written this close to when it was hashed could change again within the file system's clock step without
    // its time moving; such a file is not remembered, so it is read again next time.
    private static readonly TimeSpan SettledAfter = TimeSpan.FromSeconds(2);
    private const string Magic = "newsdesk-corpus-stamps-1";

    private readonly Dictionary<string, Stamp> stamps;
    private readonly Dictionary<string, Stamp> seen = new(StringComparer.Ordinal);

    private CorpusFileStamps(Dictionary<string, Stamp> stamps) => this.stamps = stamps;

    private readonly record struct Stamp(long Length, long WriteTicks, string Hash);

    public static CorpusFileStamps Empty() => new(new Dictionary<string, Stamp>(StringComparer.Ordinal));

    /// <summary>The stamps kept for these settings; none when the file is missing or was kept for other settings.</summary>
    /// <exception cref="InvalidDataException">The file is not a whole stamps file.</exception>
    public static CorpusFileStamps Read(string path, string settings)
    {
        if (!File.Exists(path)) return Empty();
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException("not a corpus stamps file");
            if (reader.ReadString() != settings) return Empty();
            var count = reader.ReadInt32();
            if (count < 0 || count > reader.BaseStream.Length) throw new InvalidDataException($"a count of {count} does not fit the file");
            var stamps = new Dictionary<string, Stamp>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) stamps[reader.ReadString()] = new Stamp(reader.ReadInt64(), reader.ReadInt64(), reader.ReadString());
            if (reader.ReadString() != Magic || reader.BaseStream.Position != reader.BaseStream.Length)
                throw new InvalidDataException("the stamps file does not end where it should");
            return new CorpusFileStamps(stamps);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("the stamps file is cut short", exception);
        }
    }

    /// <summary>The hash remembered for the file, when its size and modification time are still the ones it had.</summary>
    public string? HashOf(string source, FileInfo file)
    {
        if (!stamps.TryGetValue(source, out var stamp) || stamp.Length != file.Length || stamp.WriteTicks != file.LastWriteTimeUtc.Ticks) return null;
        seen[source] = stamp;
        return stamp.Hash;
    }

    /// <summary>Remembers a file's hash, unless it was written so recently that it could still change unseen.</summary>
    /// <param name="hashedAt">When the file was read, on the file system's clock (the real one, not a test's).</param>
    public void Remember(string source, FileInfo file, string hash, DateTime hashedAt)
    {
        if (hashedAt - file.LastWriteTimeUtc >= SettledAfter) seen[source] = new Stamp(file.Length, file.LastWriteTimeUtc.Ticks, hash);
    }

    /// <summary>Whether the files looked up or remembered since reading differ from the ones read (then it is worth
    /// writing them).</summary>
    public bool Changed => seen.Count != stamps.Count || seen.Any(pair => !stamps.TryGetValue(pair.Key, out var stamp) || stamp != pair.Value);

    /// <summary>Writes the files looked up or remembered since reading (files no longer there drop out), under a
    /// temporary name renamed into place.</summary>
    public void Write(string path, string settings)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(settings);
                writer.Write(seen.Count);
                foreach (var (source, stamp) in seen)
                {
                    writer.Write(source);
                    writer.Write(stamp.Length);
                    writer.Write(stamp.WriteTicks);
                    writer.Write(stamp.Hash);
                }
                writer.Write(Magic);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
