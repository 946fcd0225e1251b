using Newsdesk.Storage;

namespace Newsdesk.Corpus;

/// <summary>What an <see cref="OptimisedModelCache"/> folder must hold to be used: each file's length and CRC-32C (a
/// file cut short or changed on disk is rebuilt, not run), and the vector of the probe sentence from the session that
/// wrote the folder (a session from the folder must give it bit for bit).</summary>
public sealed record ModelCacheCheck(long GraphLength, uint GraphCrc, long WeightsLength, uint WeightsCrc, float[] Probe)
{
    private const int Magic = 0x4E44_4D43; // "NDMC"

    public static ModelCacheCheck Of(string graph, string weights, float[] probe) =>
        new(new FileInfo(graph).Length, Crc32C(graph), new FileInfo(weights).Length, Crc32C(weights), probe);

    /// <summary>True when both files are the ones this check was made of.</summary>
    public bool Describes(string graph, string weights) =>
        File.Exists(graph) && File.Exists(weights)
        && new FileInfo(graph).Length == GraphLength && new FileInfo(weights).Length == WeightsLength
        && Crc32C(graph) == GraphCrc && Crc32C(weights) == WeightsCrc;

    public void Write(string path, int formatVersion)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(formatVersion);
        writer.Write(GraphLength);
        writer.Write(GraphCrc);
        writer.Write(WeightsLength);
        writer.Write(WeightsCrc);
        writer.Write(Probe.Length);
        foreach (var value in Probe) writer.Write(value);
    }

    /// <summary>The check at <paramref name="path"/>, or null when it is missing, cut short or of another format.</summary>
    public static ModelCacheCheck? Read(string path, int formatVersion)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != formatVersion) return null;
            var (graphLength, graphCrc, weightsLength, weightsCrc) = (reader.ReadInt64(), reader.ReadUInt32(), reader.ReadInt64(), reader.ReadUInt32());
            var count = reader.ReadInt32();
            if (count is <= 0 or > 65_536) return null;
            var probe = new float[count];
            for (var i = 0; i < count; i++) probe[i] = reader.ReadSingle();
            return reader.BaseStream.Position == reader.BaseStream.Length ? new(graphLength, graphCrc, weightsLength, weightsCrc, probe) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static uint Crc32C(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var checksum = new Crc32CStream(file);
        checksum.CopyTo(Stream.Null, 1 << 20);
        return checksum.Checksum;
    }
}
