namespace Newsdesk.Tests.Discord;

/// <summary>The end-to-end Discord classes share one bot: loading the model and corpus once keeps them quick.</summary>
[CollectionDefinition(Name)]
public sealed class DiscordBotCollection : ICollectionFixture<DiscordBotFixture>
{
    public const string Name = "Discord bot";
}
