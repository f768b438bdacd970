using System.Globalization;
using Doppel.Data;
using Doppel.Relational;
using Doppel.Schema.Generation;
using Doppel.Schema.Spec;

namespace Doppel.Tests.Schema;

/// <summary>Helpers for the schema tests: cells as text, whole databases into temporary folders.</summary>
internal static class SchemaTestSupport
{
    public static string? Cell(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        NumberColumn n => n.Values[row].ToString("R", CultureInfo.InvariantCulture),
        CategoryColumn c => c.Categories[c.Codes[row]],
        BooleanColumn b => b.Values[row] ? "true" : "false",
        DateTimeColumn d => d.Ticks[row].ToString(CultureInfo.InvariantCulture),
        StringColumn s => s.Values[row],
        _ => throw new InvalidOperationException(),
    };

    public static string?[] Cells(Table table, string column) => [.. Enumerable.Range(0, table.RowCount).Select(r => Cell(table[column], r))];

    public static double[] Numbers(Table table, string column) => ((NumberColumn)table[column]).Values;

    public static string TempFolder() => Path.Combine(Path.GetTempPath(), "doppel-schema-" + Guid.NewGuid().ToString("N"));

    /// <summary>Generates the spec into a new folder and returns it.</summary>
    public static string GenerateFolder(SchemaSpec spec, ulong seed, int threads = 2)
    {
        string folder = TempFolder();
        using var sink = FolderDatabase.CreateSink(folder, overwrite: false);
        SchemaGenerator.Generate(spec, sink, new SchemaGenerateOptions { Seed = seed, Threads = threads });
        return folder;
    }

    public static DoppelException Refused(string yaml) => Assert.Throws<DoppelException>(() => SchemaGenerator.Validate(SpecYaml.Parse(yaml), 1));
}
