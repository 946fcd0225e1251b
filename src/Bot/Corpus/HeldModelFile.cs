namespace Newsdesk.Corpus;

/// <summary>A model file this process uses, held open with a shared lock until disposed: while any process holds it,
/// <see cref="PackagedModelFile"/> in another process (a build of another version sharing the folder) leaves it in
/// place. On Linux and macOS .NET takes an advisory <c>flock</c> for the share mode (shared for
/// <see cref="FileShare.Read"/>, exclusive for <see cref="FileShare.None"/>); on Windows the share mode itself forbids
/// the deletion.</summary>
public sealed class HeldModelFile(string path, FileStream handle) : IDisposable
{
    public string Path => path;

    public void Dispose() => handle.Dispose();
}
