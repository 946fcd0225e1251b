using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Chat;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Digest;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Architecture;

/// <summary>Options are registered one way: bound from their section by <c>AddValidatedOptions</c> and validated at
/// start (data annotations, and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> for rules
/// across properties), so every bad setting fails before any work with a message that names it.</summary>
public sealed class OptionsRegistrationTests
{
    private static string SourceRoot => Path.Combine(TestPaths.RepositoryRoot, "src", "Bot");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void NoOptionsAreBoundByHandOutsideTheOneHelper()
    {
        foreach (var file in SourceFiles().Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Settings{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var match = Regex.Match(File.ReadAllText(file), @"AddOptions<\w+>\(\)\s*\.Bind\(");
            Assert.False(match.Success, $"{Path.GetRelativePath(SourceRoot, file)} binds options by hand: use AddValidatedOptions");
        }
    }

    public static TheoryData<string> OptionsWithASection() =>
        new(typeof(Answer).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(OptionsWithASection))]
    public void EveryOptionsClassWithASectionIsRegisteredThroughTheOneHelper(string optionsType)
    {
        var registration = $"AddValidatedOptions<{optionsType}>(";
        Assert.True(SourceFiles().Any(f => File.ReadAllText(f).Contains(registration, StringComparison.Ordinal)),
            $"{optionsType} has a Section but no {registration}…)");
    }

    [Theory]
    [InlineData("Digest:Schedule", "every day at eight", "Digest:Schedule is not a valid five-field cron expression.")]
    [InlineData("Digest:TimeZone", "Mars/Olympus", "Digest:TimeZone is not a known IANA time zone.")]
    [InlineData("Digest:ClaimLease", "00:00:00", "Digest:CatchUpWindow and Digest:ClaimLease must be positive.")]
    public void ABadDigestSettingFailsWithItsName(string key, string value, string message) =>
        AssertFails(services => services.AddDigest(Configuration(key, value)).BuildServiceProvider().GetRequiredService<IOptions<DigestOptions>>().Value, message);

    [Theory]
    [InlineData("Corpus:Feeds:0:Url", "ftp://example.com/feed", "Every Corpus:Feeds entry needs an absolute http or https Url.")]
    [InlineData("Corpus:FeedPollInterval", "00:00:00", "Corpus:FeedPollInterval and Corpus:FeedFetchTimeout must be positive.")]
    public void ABadFeedSettingFailsWithItsName(string key, string value, string message) =>
        AssertFails(services => services.AddFeeds(Configuration(key, value)).BuildServiceProvider().GetRequiredService<IOptions<FeedOptions>>().Value, message);

    private static IConfiguration Configuration(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    private static void AssertFails(Func<IServiceCollection, object> resolve, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => resolve(new ServiceCollection().AddLogging()));
        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }
}
