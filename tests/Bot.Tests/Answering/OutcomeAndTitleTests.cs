using Newsdesk.Chat;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Answering;

/// <summary>A yes/no question about an outcome is answered only by a sentence that states the outcome: one that holds
/// the asked verb as an order, a right or a plan ("ordered to pay") is what the stories say, and the reply is partly
/// covered, naming what they do not say. A question asking for a work's title is answered only by a sentence that
/// holds a title, not by one naming the band or a place.</summary>
public sealed class OutcomeAndTitleTests : SeedStoreTest
{
    private const string OrderedToPay = """
        Lyrics site founder ordered to pay publishers

        A Leeds student who ran a lyrics website called Versebox has been ordered to pay damages to music publishers by the High Court.

        Tom Harker was a student when he set up Versebox, which let users post and swap song lyrics.

        He was ordered to pay 40,000 pounds to the Music Publishers Association within a month.
        """;

    private const string HasPaid = """
        Ringtone firm settles with regulator

        The ringtone firm Chimebox has paid a fine of 20,000 pounds to the telecoms regulator, the regulator said on Monday.

        The firm had been ordered to pay the fine after complaints about hidden subscription charges.
        """;

    private const string FerryGig = """
        Folk band plays first ferry gig

        Folk band Quillfeather played what was billed as the first gig on a Channel ferry on Friday, sailing from Dover to Calais.

        Singer Ada Brennan said the crossing was rough but the crowd on deck sang along.
        """;

    private const string FolkChart = """
        Harbour Lights top the folk chart

        The band Harbour Lights went to number one in the folk chart on Sunday with the album Salt Roads.

        The band recorded it in a church in Cornwall over two weeks.
        """;

    private const string OwnedBy = """
        Ticket reseller moves to a new site

        In May, the firm behind the closed ticket site Gatefold began sending its users to a new site called Stubwise.com, which says it is owned by a company called Ferrowtrade.

        The new site sells tickets at face value, the firm said.
        """;

    protected override IReadOnlyDictionary<string, string> ExtraStories { get; } = new Dictionary<string, string>
    {
        ["versebox.txt"] = OrderedToPay,
        ["chimebox.txt"] = HasPaid,
        ["quillfeather.txt"] = FerryGig,
        ["harbour-lights.txt"] = FolkChart,
        ["stubwise.txt"] = OwnedBy,
    };

    [Fact]
    public async Task AnOrderToPayDoesNotSayWhetherItWasPaid()
    {
        var answer = await AskAsync("did the versebox student actually pay up?");

        Assert.Equal(AnswerCoverage.Partial, answer.Coverage);
        Assert.Contains("ordered to pay", answer.Text, StringComparison.Ordinal);
        Assert.Contains("whether", answer.Missing ?? "", StringComparison.Ordinal);
        Assert.Contains("pay", answer.Missing ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASentenceStatingThePaymentAnswers()
    {
        var answer = await AskAsync("did chimebox pay the fine?");

        Assert.Equal(AnswerCoverage.Answered, answer.Coverage);
        Assert.Contains("has paid", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBandAndThePlacesAreNotTheSongsItPlayed()
    {
        var answer = await AskAsync("which songs did quillfeather play on the ferry?");

        Assert.NotEqual(AnswerCoverage.Answered, answer.Coverage);
    }

    [Fact]
    public async Task AnAlbumNamedAfterItsNounAnswersWhichAlbum()
    {
        var answer = await AskAsync("which album took harbour lights to number one in the folk chart?");

        Assert.Equal(AnswerCoverage.Answered, answer.Coverage);
        Assert.Contains("Salt Roads", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatTheAskedEntityOwnsIsNotWhoOwnsIt()
    {
        var answer = await AskAsync("who owns ferrowtrade?");

        Assert.True(answer.Coverage != AnswerCoverage.Answered, answer.Text);
    }

    [Fact]
    public async Task TheOwnerOfTheOtherSiteIsNamed()
    {
        var answer = await AskAsync("who owns stubwise.com?");

        Assert.Equal(AnswerCoverage.Answered, answer.Coverage);
        Assert.Contains("Ferrowtrade", answer.Text, StringComparison.Ordinal);
    }
}
