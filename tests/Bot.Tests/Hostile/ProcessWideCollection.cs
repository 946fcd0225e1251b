namespace Newsdesk.Tests.Hostile;

/// <summary>Tests that change or measure something the whole test process shares (the default HTTP proxy, the bytes
/// allocated by every thread) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "Process-wide";
}
