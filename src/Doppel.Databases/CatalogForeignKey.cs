namespace Doppel.Databases;

/// <summary>A declared foreign key: child columns → parent columns, in matching order.</summary>
internal sealed record CatalogForeignKey(string Name, string ChildTable, IReadOnlyList<string> ChildColumns, string ParentTable, IReadOnlyList<string> ParentColumns);
