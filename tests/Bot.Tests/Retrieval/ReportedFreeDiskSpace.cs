using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Retrieval;

/// <summary>A disk that reports the free room a test sets (null: cannot be told), whatever the real disk has.</summary>
public sealed class ReportedFreeDiskSpace : IFreeDiskSpace
{
    public long? Bytes { get; set; }

    public long? AvailableBytes(string folder) => Bytes;
}
