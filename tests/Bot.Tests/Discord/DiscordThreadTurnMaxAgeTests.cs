using System.ComponentModel.DataAnnotations;
using Newsdesk.Discord;

namespace Newsdesk.Tests.Discord;

/// <summary>How long a Discord thread's turns are remembered is checked at start: a zero or negative age would forget
/// every turn as it is written, and one of years would keep every thread ever asked in.</summary>
public sealed class DiscordThreadTurnMaxAgeTests
{
    [Fact]
    public void TheDefaultIsAWeekAndIsValid()
    {
        var options = new DiscordOptions();

        Assert.Equal(TimeSpan.FromDays(7), options.ThreadTurnMaxAge);
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("365.00:00:00")]
    public void AnAgeOutsideTheRangeIsRejectedWithItsName(string age)
    {
        var options = new DiscordOptions { ThreadTurnMaxAge = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Single(options.Validate(new ValidationContext(options)));
        Assert.Contains("Discord:ThreadTurnMaxAge", error.ErrorMessage, StringComparison.Ordinal);
    }
}
