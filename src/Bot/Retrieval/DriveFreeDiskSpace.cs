namespace Newsdesk.Retrieval;

/// <summary>The free room the operating system reports for the drive (mount) that holds a folder.</summary>
public sealed class DriveFreeDiskSpace : IFreeDiskSpace
{
    public long? AvailableBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
