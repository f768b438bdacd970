using System.CommandLine;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel inspect DATA [-o metadata.json]</c>: detect column types and write editable metadata JSON.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "CSV or Parquet file to inspect." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the metadata JSON (stdout when omitted)." };
        var force = CommandSupport.Force();
        var domain = new Option<bool>("--domain")
        {
            Description = "Also write each column's domain (categories, min/max, nullable) read from the data, to edit into public knowledge for --public-metadata.",
        };
        var command = new Command("inspect", "Detect each column's type and write metadata JSON to edit and pass back with --metadata.") { data, output, force, domain };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            string? target = parse.GetValue(output);
            if (target is not null) CommandSupport.CheckOutput(target, parse.GetValue(force), CommandSupport.OutputKind.File, path);
            var warnings = new List<string>();
            var raw = TableFiles.ReadRaw(path, warnings);
            if (raw.RowCount == 0)
                throw new DoppelException(ErrorKind.Data, $"{path} has a header but no data rows; there is nothing to inspect.");
            var options = CommandSupport.ParseOptionsOf(parse);
            var metadata = MetadataDetector.Detect(raw, TableFiles.NameOf(path), warnings, options);
            var table = TableConverter.Convert(raw, metadata, warnings, options); // check every value fits the detected types
            if (parse.GetValue(domain))
            {
                metadata = DomainDescriber.Describe(table, metadata);
                warnings.Add("the domain was read from the data: it is as private as the data. Declare it with --public-metadata only if it is public knowledge (a codebook, published ranges), after editing.");
            }
            string json = MetadataJson.Write(DatasetMetadata.Single(metadata)) + "\n";
            if (target is null || target == "-") console.Out.Write(json);
            else AtomicFile.Write(target, parse.GetValue(force), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json)));
            if (!CommandSupport.IsQuiet(parse))
            {
                foreach (var warning in warnings.Distinct(StringComparer.Ordinal)) console.Error.WriteLine($"warning: {warning}");
                console.Error.WriteLine($"{path}: {raw.RowCount:N0} rows x {raw.Names.Length} columns");
                foreach (var column in metadata.Columns)
                {
                    int index = Array.IndexOf(raw.Names, column.Name);
                    int nulls = raw.Columns[index].Count(v => v is null);
                    string detail = column.Type == SemanticType.Numerical ? (column.Integer ? " (integer)" : column.Decimals is { } d ? $" ({d} decimal{(d == 1 ? "" : "s")})" : "")
                        : column.Format is { } f ? $" ({f})" : "";
                    console.Error.WriteLine($"  {column.Name,-28} {column.TypeName}{detail}{(nulls > 0 ? $", {nulls:N0} missing" : "")}");
                }
                var (rules, notes) = Doppel.Rules.RuleDiscovery.Find(table, metadata, learn: true);
                foreach (var rule in rules) console.Error.WriteLine($"  rule: {rule.Describe()}; fit keeps it by construction (--no-learned-rules to not learn it)");
                foreach (var note in notes) console.Error.WriteLine($"  note: {note}");
                if (target is not null && target != "-") console.Error.WriteLine($"Wrote {target}. Edit it and pass it to fit or generate with --metadata.");
            }
            return 0;
        });
        return command;
    }
}
