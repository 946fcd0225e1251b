namespace Newsdesk.Tests.Support;

/// <summary>A fact that needs a <see cref="SmallDisk"/> (and, with <see cref="NeedsShared"/>, <c>../shared</c>);
/// skipped, with the reason, where it cannot have one.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public bool NeedsShared { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? SmallDisk.UnavailableReason ?? (NeedsShared && !TestPaths.HasShared ? TestPaths.SharedMissingReason : null);
        set => base.Skip = value;
    }
}
