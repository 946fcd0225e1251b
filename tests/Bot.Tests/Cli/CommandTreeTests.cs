using Newsdesk.Cli;

namespace Newsdesk.Tests.Cli;

/// <summary>The command line as System.CommandLine reads it: verbs, their options, settings passed through with the
/// colon, and a mistyped option reported with the nearest real one instead of being taken as a setting.</summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void AMistypedAskFlagIsAnErrorWithTheNearestFlagInsteadOfSwallowingTheQuestion()
    {
        var parsed = CommandTree.Parse(["ask", "--jsn", "Who shut down AllofMP3?"]);

        Assert.Null(parsed.Command);
        var error = Assert.Single(parsed.Errors);
        Assert.Contains("'--jsn'", error, StringComparison.Ordinal);
        Assert.Contains("Did you mean '--json'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMistypedVerbSuggestsTheVerb()
    {
        var parsed = CommandTree.Parse(["aks", "Who shut down AllofMP3?"]);

        Assert.Contains(parsed.Errors, e => e.Contains("Did you mean 'ask'?", StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsWithAColonPassThroughToConfigurationInBothSpellings()
    {
        var command = CommandLine.Parse(["ask", "--Answering:Backend", "OpenAI", "--Storage:Database=/tmp/x.db", "--json", "Who", "runs", "it?"]);

        Assert.Equal("ask", command.Verb);
        Assert.Equal(["Who", "runs", "it?"], command.Arguments);
        Assert.True(command.Has("--json"));
        Assert.Equal(["--Answering:Backend", "OpenAI", "--Storage:Database=/tmp/x.db"], command.ConfigurationArguments);
    }

    [Fact]
    public void ASettingWithoutAValueIsAnError()
    {
        var parsed = CommandTree.Parse(["ask", "question", "--Answering:Backend"]);

        Assert.Contains(parsed.Errors, e => e.Contains("--Answering:Backend needs a value", StringComparison.Ordinal));
    }

    [Fact]
    public void NoVerbMeansServeAndUrlsReachConfiguration()
    {
        var command = CommandLine.Parse(["--urls", "http://127.0.0.1:0"]);

        Assert.Equal("serve", command.Verb);
        Assert.Equal(["--urls", "http://127.0.0.1:0"], command.ConfigurationArguments);
    }

    [Fact]
    public void DiscordRegisterCarriesItsGuildAndCorpusFoldersBecomeAbsolute()
    {
        var command = CommandLine.Parse(["discord", "register", "--guild", "42", "--corpus", "relative/folder"]);

        Assert.Equal("discord", command.Verb);
        Assert.Equal(["register"], command.Arguments);
        Assert.Equal("42", command.Value("--guild"));
        Assert.Equal(Path.GetFullPath("relative/folder"), Assert.Single(command.CorpusFolders));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("ask", "--help")]
    [InlineData("digest", "-h")]
    public void HelpAndVersionAreForThePersonNotAVerbToRun(params string[] args)
    {
        var parsed = CommandTree.Parse(args);

        Assert.Null(parsed.Command);
        Assert.Empty(parsed.Errors);
        Assert.NotNull(parsed.Result!.Action);
    }
}
