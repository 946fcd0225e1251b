namespace Newsdesk.Storage;

/// <summary>A nullable column a table gained after it first shipped; <see cref="StoreSchema.AddedColumns"/>.</summary>
/// <param name="Definition">The column's type and constraints, e.g. <c>TEXT NULL</c>.</param>
public sealed record AddedColumn(string Table, string Column, string Definition);
