using System.Runtime.InteropServices;

namespace Newsdesk.Retrieval;

/// <summary>Writes passages' sentence vectors (one array per passage, its sentences concatenated) in order, then
/// opens them for rescoring as a <see cref="SentenceRowFile"/>.</summary>
public sealed class SentenceRowFileWriter(string path, int dimensions) : IDisposable
{
    private readonly FileStream stream = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    private readonly List<long> firstRowOfPassage = [0];

    public void Append(float[] passageVectors)
    {
        stream.Write(MemoryMarshal.AsBytes(passageVectors.AsSpan()));
        firstRowOfPassage.Add(firstRowOfPassage[^1] + passageVectors.Length / dimensions);
    }

    public SentenceRowFile Complete()
    {
        stream.Dispose();
        return new SentenceRowFile(path, dimensions, firstRowOfPassage.ToArray());
    }

    public void Dispose() => stream.Dispose();
}
