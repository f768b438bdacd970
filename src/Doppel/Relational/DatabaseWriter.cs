using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>Sends a whole in-memory database to a sink: one batch per table in the given order, then the commit.</summary>
internal static class DatabaseWriter
{
    public static void Write(Database database, IReadOnlyList<string> order, IDatabaseSink sink)
    {
        foreach (string name in order)
        {
            TableMetadata table = database.Metadata.FindTable(name)!;
            var writer = sink.OpenTable(table);
            var data = database[name];
            if (data.RowCount > 0) writer.Write(writer.Encode(data));
            writer.Complete();
        }
        sink.Commit(database.Metadata);
    }
}
