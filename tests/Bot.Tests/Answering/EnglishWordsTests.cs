using Newsdesk.Retrieval;

namespace Newsdesk.Tests.Answering;

/// <summary>The dictionary that tells a lowercase name ("spotify") from a chat word ("legit", "flogging").</summary>
public sealed class EnglishWordsTests
{
    [Theory]
    [InlineData("song")]
    [InlineData("downloaders")]
    [InlineData("sharers")]
    [InlineData("flogging")]
    [InlineData("playlist")]
    [InlineData("legit")]
    [InlineData("whats")]
    public void OrdinaryWordsAndTheirFormsAreWords(string token) => Assert.True(EnglishWords.Vocabulary.IsWord(token), token);

    [Theory]
    [InlineData("spotify")]
    [InlineData("napster")]
    [InlineData("grokster")]
    [InlineData("allofmp3")]
    public void CompanyNamesAreNotWords(string token) => Assert.False(EnglishWords.Vocabulary.IsWord(token), token);

    [Fact]
    public void OnlyLowercaseTokensOutsideTheDictionaryAreUnfamiliar() =>
        Assert.Equal(["spotify"], QuestionNames.Unfamiliar("is spotify flogging legit tracks to Napster's users?", EnglishWords.Vocabulary));
}
