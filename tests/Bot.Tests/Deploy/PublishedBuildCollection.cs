namespace Newsdesk.Tests.Deploy;

/// <summary>The deploy tests share one publish.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedBuildCollection : ICollectionFixture<PublishedBuild>
{
    public const string Name = "Published build";
}
