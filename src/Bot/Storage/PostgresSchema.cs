namespace Newsdesk.Storage;

/// <summary>The tables one store owns on PostgreSQL, as numbered migrations: the first creates them, later ones change
/// them. <see cref="PostgresConnections"/> applies, once per database, every migration not yet recorded in
/// <c>schema_migrations</c> under <see cref="Owner"/>, so the list only ever grows at its end.</summary>
/// <param name="Owner">The store's SQLite owner type's name: the one store, on either provider, that writes these tables.</param>
public sealed record PostgresSchema(string Owner, IReadOnlyList<string> Tables, IReadOnlyList<string> Migrations);
