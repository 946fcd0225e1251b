using Cronos;
using Microsoft.Extensions.Options;

namespace Newsdesk.Digest;

/// <summary>The cron schedule in its IANA time zone (Cronos: a time skipped by a daylight-saving jump fires at the
/// jump, a repeated hour fires once). A slot is named by its local date: one digest per destination per day.</summary>
public sealed class DigestSchedule
{
    private readonly CronExpression cron;

    public DigestSchedule(IOptions<DigestOptions> options)
    {
        cron = CronExpression.Parse(options.Value.Schedule);
        Zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The latest scheduled time at or before <paramref name="now"/>, looking back at most eight days.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset now) =>
        cron.GetOccurrences(now.UtcDateTime.AddDays(-8), now.UtcDateTime, Zone, fromInclusive: true, toInclusive: true)
            .Select(o => (DateTimeOffset?)new DateTimeOffset(o, TimeSpan.Zero)).LastOrDefault();

    public DateTimeOffset? Next(DateTimeOffset now) =>
        cron.GetNextOccurrence(now.UtcDateTime, Zone) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>The local calendar date a scheduled time belongs to, "yyyy-MM-dd".</summary>
    public string SlotDate(DateTimeOffset scheduled) =>
        TimeZoneInfo.ConvertTime(scheduled, Zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static bool IsValidCron(string expression)
    {
        try { CronExpression.Parse(expression); return true; }
        catch (CronFormatException) { return false; }
    }

    public static bool IsValidZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
    }
}
