using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsdesk.Storage;
using Npgsql;

namespace Newsdesk.Tests.Support;

/// <summary>A throwaway PostgreSQL server for one test run: <c>initdb</c> into a temp folder, listening on a free
/// loopback port (and a socket in that folder), stopped and deleted at the end. Run as the <c>postgres</c> user when
/// the tests run as root, since the server refuses to run as root. Each test class gets its own database
/// (<see cref="DatabaseAsync"/>). Where the binaries are missing it starts nothing, and <see cref="PostgresFactAttribute"/>
/// skips the tests with <see cref="MissingReason"/>.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> databases = new(StringComparer.Ordinal);
    private string? folder;
    private int port;

    public static string? MissingReason { get; } =
        new[] { "initdb", "pg_ctl", "postgres" }.FirstOrDefault(tool => !OnPath(tool)) is { } missing
            ? $"PostgreSQL's {missing} is not on PATH (install PostgreSQL 15 to run these tests)"
            : IsRoot && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal))
                ? "the tests run as root and there is no postgres user to run the PostgreSQL server as"
                : null;

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        if (MissingReason is not null) return;
        folder = Directory.CreateTempSubdirectory("newsdesk-pg-").FullName;
        if (IsRoot) await RunAsync("chown", ["postgres:", folder]);
        var data = Path.Combine(folder, "data");
        await RunAsServerUserAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        port = FreePort();
        await StartAsync();
    }

    /// <summary>The connection string of a database of its own for <paramref name="owner"/> (a test class), made once.</summary>
    public Task<string> DatabaseAsync(Type owner) =>
        databases.GetOrAdd(owner.Name, name => new Lazy<Task<string>>(() => CreateAsync(name.ToLowerInvariant()))).Value;

    private async Task<string> CreateAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20";

    /// <summary>A process's connections to <paramref name="connectionString"/> with these schemas, on
    /// <paramref name="clock"/> (backoff), reporting to <paramref name="health"/> (a fresh one when null).</summary>
    public static PostgresConnections Connections(string connectionString, IEnumerable<PostgresSchema> schemas, TimeProvider? clock = null,
        StoreWriteHealth? health = null, ILoggerFactory? logs = null, TimeSpan? reconnectFor = null)
    {
        clock ??= TimeProvider.System;
        logs ??= NullLoggerFactory.Instance;
        health ??= new StoreWriteHealth(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(),
            clock, logs.CreateLogger<StoreWriteHealth>());
        var options = new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = connectionString };
        if (reconnectFor is { } window) options.ReconnectFor = window;
        return new PostgresConnections(Options.Create(options), schemas, health, clock, logs.CreateLogger<PostgresConnections>());
    }

    /// <summary>Stops the server as an operator would (fast shutdown: sessions are ended), keeping its data and port,
    /// so a test can see what its clients do while it is gone; <see cref="StartAsync"/> brings it back.</summary>
    public Task StopAsync() =>
        RunAsServerUserAsync("pg_ctl", ["-D", Path.Combine(folder!, "data"), "-m", "fast", "-w", "stop"]);

    public async Task StartAsync()
    {
        await RunAsServerUserAsync("pg_ctl", ["-D", Path.Combine(folder!, "data"), "-l", Path.Combine(folder!, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -h 127.0.0.1 -k {folder} -c fsync=off -c max_connections=200", "start"]);
        // After a restart, the sessions pooled for creating databases are dead; the next test class would meet one.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Every migration applied to the database, as "owner:version", in order.</summary>
    /// <summary>Starts <paramref name="replicas"/> connection pools on one database at once (each migrates as it opens
    /// its first connection), then reads back which migrations were applied; the pools are disposed.</summary>
    public static async Task<List<string>> AppliedByReplicasStartingAtOnceAsync(IReadOnlyList<PostgresConnections> replicas)
    {
        try
        {
            await Task.WhenAll(replicas.Select(async r => await (await r.OpenAsync(default)).DisposeAsync()));
            await using var connection = await replicas[0].OpenAsync(default);
            return await AppliedMigrationsAsync(connection);
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    public static async Task<List<string>> AppliedMigrationsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT owner || ':' || version FROM schema_migrations ORDER BY owner, version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new List<string>();
        while (await reader.ReadAsync()) applied.Add(reader.GetString(0));
        return applied;
    }

    public async Task DisposeAsync()
    {
        if (folder is null) return;
        NpgsqlConnection.ClearAllPools();
        try { await RunAsServerUserAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static Task RunAsServerUserAsync(string tool, string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. arguments]) : RunAsync(tool, arguments);

    /// <summary>Output is not redirected: the server pg_ctl starts would hold a redirected pipe open for its lifetime.</summary>
    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}");
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var free = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return free;
    }
}
