using System.Buffers.Binary;
using System.Numerics;

namespace Newsdesk.Storage;

/// <summary>Passes reads or writes through to another stream and keeps the CRC-32C of every byte that went by, so a
/// file can carry a checksum of itself and a reader can tell a damaged one (the processor's CRC instruction: a few
/// milliseconds for the index snapshot's 80 MB).</summary>
public sealed class Crc32CStream(Stream inner) : Stream
{
    private uint crc = uint.MaxValue;

    /// <summary>The checksum of the bytes so far.</summary>
    public uint Checksum => ~crc;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Add(buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Add(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Add(ReadOnlySpan<byte> bytes)
    {
        // Eight bytes at a time in little-endian order is the same checksum as byte by byte.
        while (bytes.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[sizeof(ulong)..];
        }
        foreach (var value in bytes) crc = BitOperations.Crc32C(crc, value);
    }
}
