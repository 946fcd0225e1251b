using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Newsdesk.Answering;

/// <summary>Span windows and their vectors in a file beside the store (<see cref="KnownSpanWindows"/>). Layout: a
/// header (magic, version, model name, dimensions, count), the windows' text hashes and record offsets sorted by hash,
/// then one record a window (UTF-8 length, text, vector). Only the hashes and offsets are held in memory (16 bytes a
/// window); a lookup reads its one record from the file, so the vectors (1.5 KB each, about 180 MB for the BBC set)
/// stay out of the resident set. The text is stored with its vector and compared on every lookup, so a hash collision
/// can never hand a window another's vector.</summary>
public sealed class SpanWindowVectorFile : IDisposable
{
    private const int Magic = 0x5753444E;
    private const int Version = 1;
    private readonly SafeFileHandle handle;
    private readonly ulong[] hashes;
    private readonly long[] offsets;
    private readonly int dimensions;

    private SpanWindowVectorFile(SafeFileHandle handle, ulong[] hashes, long[] offsets, int dimensions)
    {
        this.handle = handle;
        this.hashes = hashes;
        this.offsets = offsets;
        this.dimensions = dimensions;
    }

    public int Count => hashes.Length;

    /// <summary>The file at <paramref name="path"/> when it holds vectors of <paramref name="modelName"/> at
    /// <paramref name="dimensions"/>; null when there is none or it was written for another model.</summary>
    /// <exception cref="InvalidDataException">The file is not one of these, or is cut short.</exception>
    public static SpanWindowVectorFile? Open(string path, string modelName, int dimensions)
    {
        if (!File.Exists(path)) return null;
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            using var reader = new BinaryReader(new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16, isAsync: false), Encoding.UTF8, leaveOpen: true);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version) throw new InvalidDataException("not a span-window vector file of this version");
            if (reader.ReadString() != modelName || reader.ReadInt32() != dimensions)
            {
                handle.Dispose();
                return null;
            }
            var count = reader.ReadInt32();
            if (count < 0) throw new InvalidDataException("a negative count");
            var hashes = new ulong[count];
            var offsets = new long[count];
            for (var i = 0; i < count; i++)
            {
                hashes[i] = reader.ReadUInt64();
                offsets[i] = reader.ReadInt64();
            }
            return new SpanWindowVectorFile(handle, hashes, offsets, dimensions);
        }
        catch (EndOfStreamException)
        {
            handle.Dispose();
            throw new InvalidDataException("the file is cut short");
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The stored vector of <paramref name="window"/>, read from the file; false when it is not stored.</summary>
    public bool TryGet(string window, out float[] vector)
    {
        var hash = Hash(window);
        var at = Array.BinarySearch(hashes, hash);
        if (at >= 0)
        {
            // Equal hashes sit side by side; the one binary search found may be any of them.
            while (at > 0 && hashes[at - 1] == hash) at--;
            for (; at < hashes.Length && hashes[at] == hash; at++)
                if (ReadRecord(offsets[at], window) is { } found)
                {
                    vector = found;
                    return true;
                }
        }
        vector = [];
        return false;
    }

    private float[]? ReadRecord(long offset, string window)
    {
        Span<byte> lengthBytes = stackalloc byte[sizeof(int)];
        if (RandomAccess.Read(handle, lengthBytes, offset) != lengthBytes.Length) throw new InvalidDataException("the file is cut short");
        var textLength = BitConverter.ToInt32(lengthBytes);
        var record = new byte[textLength + dimensions * sizeof(float)];
        if (RandomAccess.Read(handle, record, offset + sizeof(int)) != record.Length) throw new InvalidDataException("the file is cut short");
        if (!Encoding.UTF8.GetString(record, 0, textLength).Equals(window, StringComparison.Ordinal)) return null;
        return MemoryMarshal.Cast<byte, float>(record.AsSpan(textLength)).ToArray();
    }

    /// <summary>Writes <paramref name="windows"/> with their <paramref name="vectors"/> (in the same order, taken one
    /// at a time, so a caller can embed them as they are written) to a file beside <paramref name="path"/> and moves it
    /// into place: a reader never sees half a file, and one that has the old file open keeps reading the old one.</summary>
    public static void Write(string path, string modelName, int dimensions, IReadOnlyList<string> windows, IEnumerable<float[]> vectors)
    {
        var texts = windows.Select(Encoding.UTF8.GetBytes).ToArray();
        var order = Enumerable.Range(0, windows.Count).OrderBy(i => Hash(windows[i])).ToArray();
        var temporary = path + ".partial";
        try
        {
            WriteTo(temporary, modelName, dimensions, windows, texts, order, vectors);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteTo(string temporary, string modelName, int dimensions, IReadOnlyList<string> windows, byte[][] texts, int[] order, IEnumerable<float[]> vectors)
    {
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(modelName);
            writer.Write(dimensions);
            writer.Write(windows.Count);
            var offset = writer.BaseStream.Position + windows.Count * 16L;
            var offsets = new long[windows.Count];
            for (var i = 0; i < windows.Count; i++)
            {
                offsets[i] = offset;
                offset += sizeof(int) + texts[i].Length + dimensions * sizeof(float);
            }
            foreach (var i in order)
            {
                writer.Write(Hash(windows[i]));
                writer.Write(offsets[i]);
            }
            var written = 0;
            foreach (var vector in vectors)
            {
                if (written == windows.Count) throw new ArgumentException("More vectors than windows.", nameof(vectors));
                if (vector.Length != dimensions) throw new ArgumentException($"A vector of {vector.Length} numbers, not {dimensions}.", nameof(vectors));
                writer.Write(texts[written].Length);
                writer.Write(texts[written]);
                writer.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
                written++;
            }
            if (written != windows.Count) throw new ArgumentException("Fewer vectors than windows.", nameof(vectors));
        }
    }

    // FNV-1a over the UTF-16 code units: stable across processes and runtimes, unlike string.GetHashCode.
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    public void Dispose() => handle.Dispose();
}
