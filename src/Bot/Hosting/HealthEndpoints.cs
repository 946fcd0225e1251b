using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsdesk.Corpus;
using Newsdesk.Corpus.Feeds;
using Newsdesk.Retrieval;
using Newsdesk.Slack;
using Newsdesk.Storage;

namespace Newsdesk.Hosting;

/// <summary><c>/healthz</c> (liveness: restart me only if this fails) and <c>/readyz</c> (readiness: send me traffic).
/// A store that cannot be written (a full disk) keeps both at 200: questions are still answered from what is stored,
/// a restart would not free the disk and would drop the Slack claims held in memory, and every instance shares the
/// one SQLite file, so taking this one out of rotation helps no one. The body says what is degraded, for a person or
/// an alert; <c>newsdesk_store_writable</c> on /metrics says it for a dashboard.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (StoreWriteHealth store) => Results.Text("ok" + Degraded(store)));
        endpoints.MapGet("/readyz", async (PassageIndexHolder index, StoreWriteHealth store, FeedHealthStore feeds, SqliteConnections database,
            StoreInstance instance, IServiceProvider services, CancellationToken cancellationToken) =>
            index.IsLoaded
                ? Results.Text("ready" + Degraded(store) + await DatabaseAsync(database, instance, cancellationToken)
                    + await ProviderAsync(services, cancellationToken) + "\nvector search: " + index.VectorSearch + SocketMode(services)
                    + await FeedsAsync(feeds, cancellationToken))
                : Results.Text("loading the corpus", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }

    /// <summary>Which database this process uses, whether it answers, and the instance id this process writes on the
    /// leases it holds (to tell replicas apart in the chat journal). An unreachable file does not make the bot unready:
    /// questions are answered from the index in memory.</summary>
    private static async Task<string> DatabaseAsync(SqliteConnections database, StoreInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return $"\ndatabase: SQLite {database.DatabasePath}, reachable; this process is {instance.Id}";
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            return $"\ndatabase: SQLite {database.DatabasePath}, not reachable ({exception.Message}); this process is {instance.Id}";
        }
    }

    /// <summary>Which provider holds the shared state (<c>Storage:Provider</c>), and with PostgreSQL whether it answers:
    /// host, port and database only, since the connection string is a secret. An unreachable database does not make the
    /// bot unready: what it cannot record is logged, and questions are still answered.</summary>
    private static async Task<string> ProviderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != StorageProvider.PostgreSQL) return "\nstorage provider: SQLite (everything in the file above)";
        var target = new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString);
        var where = $"PostgreSQL {target.Host}:{target.Port}/{target.Database}";
        try
        {
            await using var connection = await services.GetRequiredService<PostgresConnections>().OpenAsync(cancellationToken);
            return $"\nstorage provider: {where}, reachable; the corpus, feeds and chat state there";
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return $"\nstorage provider: {where}, not reachable ({exception.Message}); the corpus, feeds and chat state there";
        }
    }

    /// <summary>Only when Socket Mode is on. A lost connection does not make the bot unready: it reconnects on its own,
    /// and another instance would fare no better.</summary>
    private static string SocketMode(IServiceProvider services) =>
        services.GetService<SlackSocketModeState>() is { } socket ? "\nslack socket mode: " + socket.Describe() : "";

    /// <summary>Each configured feed's health, a line each: detail for a person; a failing feed does not make the bot
    /// unready, since questions are answered from what is stored.</summary>
    private static async Task<string> FeedsAsync(FeedHealthStore feeds, CancellationToken cancellationToken)
    {
        try
        {
            var health = await feeds.ListAsync(cancellationToken);
            return string.Concat(health.Select(h => "\nfeed " + h.Describe()));
        }
        catch (Exception exception) when (StoreWriteHealth.CannotWrite(exception) || exception is Microsoft.Data.Sqlite.SqliteException)
        {
            // A store that cannot even create the health table (a disk full from the start) must not fail readiness.
            return $"\nfeeds: health not readable ({exception.Message})";
        }
    }

    private static string Degraded(StoreWriteHealth store)
    {
        var failing = store.Failing;
        if (failing.Count == 0) return "";
        var kinds = string.Join("; ", failing.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key} since {f.Value.Since.ToString("O", CultureInfo.InvariantCulture)}: {f.Value.Reason}"));
        return $"\ndegraded: the store cannot be written ({kinds}). Questions are still answered; nothing that needs a write " +
            "(digest, feed items, Slack thread history, the crash journal) is recorded until the store takes writes again.";
    }
}
