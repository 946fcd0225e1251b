using Newsdesk.Corpus;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Corpus;

/// <summary>A model folder as a first load leaves it: the package's model file and the optimised graph kept beside it.
/// Written once per test class by the real load, then copied into each case that starts from it: writing it is a
/// model optimisation (about 2.3 CPU-s), a copy is a few hundred megabytes of file copying, and a case that damages or
/// removes its copy leaves the others' alone.</summary>
public sealed class KeptModelFolder : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public KeptModelFolder()
    {
        using var first = ArcticXsEncoder.Load(PassageEmbedder.NewSessionOptions(), Models);
    }

    private string Models => folder.File("models");

    /// <summary>Copies every file and folder of the written model folder into <paramref name="models"/>, as new files
    /// (a case may change their bytes in place), each folder stamped as just written, as a first load would leave it.</summary>
    public void CopyTo(string models)
    {
        Directory.CreateDirectory(models);
        foreach (var file in Directory.GetFiles(Models)) File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        foreach (var kept in Directory.GetDirectories(Models))
        {
            var copy = Directory.CreateDirectory(Path.Combine(models, Path.GetFileName(kept))).FullName;
            foreach (var file in Directory.GetFiles(kept)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
    }

    public void Dispose() => folder.Dispose();
}
