using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Settings;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Architecture;

/// <summary>The bot binds its options through the configuration-binding source generator (Bot.csproj,
/// <c>Settings/OptionsBinding</c>); this test project does not, so <see cref="ConfigurationBinder"/> here is the
/// runtime's reflection binder that the bot used before. Every options class must come out the same both ways, over the
/// repository's appsettings.json with settings on top as the command line and the environment give them (lists by
/// index, nested sections, time spans, numbers, flags, an empty value).</summary>
public sealed class GeneratedOptionsBindingTests
{
    private static readonly Dictionary<string, string?> Overrides = new()
    {
        ["Storage:Database"] = "/tmp/elsewhere/newsdesk.db",
        ["Corpus:Folders:1"] = "../shared/corpus/bbc",
        ["Corpus:PassageWords"] = "64",
        ["Corpus:Feeds:0:Url"] = "https://example.com/feed.xml",
        ["Corpus:Feeds:0:Name"] = "Example",
        ["Corpus:Feeds:1:Url"] = "https://example.org/rss",
        ["Corpus:FeedPollInterval"] = "00:05:00",
        ["Retrieval:MinCosine"] = "0.61",
        ["Retrieval:Candidates"] = "30",
        ["Answering:Backend"] = "OpenAI",
        ["Answering:LanguageModel:Endpoint"] = "http://localhost:11434/v1",
        ["Answering:LanguageModel:Model"] = "llama3.1",
        ["Answering:LanguageModel:ApiKey"] = "",
        ["Chat:RateLimits:PerUser:Permits"] = "7",
        ["Chat:RateLimits:PerChannel:Window"] = "00:02:00",
        ["Chat:RateLimits:IsEnabled"] = "false",
        ["Digest:Destinations:0"] = "slack:C0123ABCD",
        ["Digest:Destinations:1"] = "https://discord.com/api/webhooks/1/x",
        ["Digest:SkipWhenEmpty"] = "true",
        ["Discord:ApplicationId"] = "123456789012345678",
        ["Discord:ThreadTurnMaxAge"] = "2.00:00:00",
        ["Slack:MaxAttempts"] = "3",
        ["Stories:MaxArticles"] = "4",
        ["Telemetry:OtlpEndpoint"] = "http://localhost:4317",
        ["Server:MaxConcurrentConnections"] = "200",
    };

    public static TheoryData<string> OptionsWithASection() =>
        new(typeof(Answer).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(OptionsWithASection))]
    public void TheGeneratedBindingEqualsTheReflectionBinder(string typeName)
    {
        var type = typeof(Answer).Assembly.GetType(typeName)!;
        var section = (string)type.GetField("Section")!.GetValue(null)!;
        foreach (var configuration in new[] { AppSettings(), AppSettings(Overrides) })
        {
            var expected = Activator.CreateInstance(type)!;
            configuration.GetSection(section).Bind(expected);
            var generated = typeof(GeneratedOptionsBindingTests).GetMethod(nameof(BindGenerated), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [configuration.GetSection(section)])!;
            Assert.Equal(JsonSerializer.Serialize(expected, type), JsonSerializer.Serialize(generated, type));
        }
    }

    [Fact]
    public void AnOptionsClassWithoutAnArmFailsWhenItIsRegistered()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOptions<UnknownOptions>().BindGenerated(AppSettings()));
        Assert.Contains("UnknownOptions has no arm", failure.Message, StringComparison.Ordinal);
    }

    private static TOptions BindGenerated<TOptions>(IConfiguration section) where TOptions : class, new()
    {
        using var services = new ServiceCollection().AddOptions<TOptions>().BindGenerated(section).Services.BuildServiceProvider();
        var options = new TOptions();
        foreach (var configure in services.GetServices<IConfigureOptions<TOptions>>()) configure.Configure(options);
        return options;
    }

    private static IConfiguration AppSettings(Dictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestPaths.RepositoryRoot, "appsettings.json"), optional: false)
            .AddInMemoryCollection(overrides ?? [])
            .Build();

    private sealed class UnknownOptions;
}
