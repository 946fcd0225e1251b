namespace Newsdesk.Retrieval;

/// <summary>Free room on the disk that holds a folder. A seam, so that the index snapshot's free-disk guard can be
/// tested at its boundary without filling a real disk.</summary>
public interface IFreeDiskSpace
{
    /// <summary>Bytes this process may still write on the folder's disk, or null when that cannot be told.</summary>
    long? AvailableBytes(string folder);
}
