using Microsoft.Extensions.DependencyInjection;
using Newsdesk.Digest;
using Newsdesk.Tests.Support;

namespace Newsdesk.Tests.Digest;

/// <summary>The SQLite ledger's answer to where the next digest of a destination starts.</summary>
public sealed class DigestLedgerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 11, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThePreviousWindowEndIsTheLatestOfThisDestinationsEarlierSlots()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("empty"));
        using var host = CoreHost.Create(folder.File("news.db"), [folder.File("empty")]);
        var ledger = host.Services.GetRequiredService<IDigestLedger>();
        Assert.Null(await ledger.PreviousWindowEndAsync("webhook:a", "2025-03-12", default));

        // Out of date order, with a window that ends late (a digest posted by hand after the schedule's), another
        // destination's later window, and this destination's slot of the date asked about: only earlier dates count.
        await ledger.TryClaimAsync(Slot("webhook:a", "2025-03-10", Now.AddDays(-1).AddHours(14)), default);
        await ledger.TryClaimAsync(Slot("webhook:a", "2025-03-09", Now.AddDays(-2)), default);
        await ledger.TryClaimAsync(Slot("webhook:b", "2025-03-10", Now.AddDays(-1).AddHours(20)), default);
        await ledger.TryClaimAsync(Slot("webhook:a", "2025-03-11", Now.AddHours(1)), default);

        Assert.Equal(Now.AddDays(-1).AddHours(14), await ledger.PreviousWindowEndAsync("webhook:a", "2025-03-11", default));
        Assert.Equal(Now.AddHours(1), await ledger.PreviousWindowEndAsync("webhook:a", "2025-03-12", default));
        Assert.Null(await ledger.PreviousWindowEndAsync("webhook:a", "2025-03-09", default));
    }

    private static DigestSlot Slot(string destination, string date, DateTimeOffset windowEnd) =>
        new(destination, date, windowEnd, windowEnd.AddDays(-1), windowEnd, "nd-marker", "test", Now, DigestSlotState.Posted, null);
}
