namespace Newsdesk.Benchmarks;

/// <summary>One run's hold on the default work folder, which every verb and every run share so that a store built
/// once (the evaluation's, minutes of embedding) is reused by the next run. Two runs at once would overwrite each
/// other's store, so the second is refused while the first holds the folder. The hold is an exclusive lock on a file
/// in the folder (FileShare.None, an advisory flock on Linux), which the operating system releases when the process
/// ends, however it ends: a run that crashed or was killed never leaves the folder claimed.</summary>
public sealed class WorkFolderClaim : IDisposable
{
    public const string FileName = ".in-use";

    private readonly FileStream file;

    private WorkFolderClaim(FileStream file) => this.file = file;

    /// <summary>The claim, or null while another run holds the folder.</summary>
    public static WorkFolderClaim? TryTake(string folder)
    {
        try
        {
            return new WorkFolderClaim(new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static string InUseMessage(string folder) =>
        $"The default work folder {folder} is in use by another benchmark run, whose store this run would overwrite. "
        + "Wait for it to end, or give this run a folder of its own with --work DIR.";

    public void Dispose() => file.Dispose();
}
