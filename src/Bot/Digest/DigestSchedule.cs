using Cronos;
using Microsoft.Extensions.Options;

namespace Newsdesk.Digest;

/// <summary>The cron schedule in its IANA time zone (Cronos: a time skipped by a daylight-saving jump fires at the
/// jump, a repeated hour fires once). A slot is named by its local date: one digest per destination per day.</summary>
public sealed class DigestSchedule
{
    private readonly CronExpression cron;
    private readonly string expression;

    public DigestSchedule(IOptions<DigestOptions> options)
    {
        expression = options.Value.Schedule;
        cron = CronExpression.Parse(expression);
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

    /// <summary>The schedule in words, in its own time zone: the cron line and the next time it fires.</summary>
    public string Describe(DateTimeOffset now)
    {
        var next = Next(now) is { } at ? Local(at).ToString("dddd d MMMM yyyy 'at' HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "never";
        return $"Schedule `{expression}` in {Zone.Id}; next digest: {next} ({Zone.Id}).";
    }

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
