namespace Newsdesk.Storage;

/// <summary>This process among all that share the store: the owner written on every lease it takes (a journalled
/// question, a claim). Made fresh at each start, so a restarted process never mistakes its predecessor's leases for its
/// own; the host name and process id in it are for people reading the table, not for deciding anything.</summary>
public sealed record StoreInstance(string Id)
{
    public static StoreInstance New() =>
        new($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");
}
