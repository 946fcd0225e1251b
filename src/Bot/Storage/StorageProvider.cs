namespace Newsdesk.Storage;

/// <summary>Where the shared state lives: one embedded SQLite file (one host), or a PostgreSQL database that several
/// replicas share.</summary>
public enum StorageProvider
{
    Sqlite,
    PostgreSQL,
}
