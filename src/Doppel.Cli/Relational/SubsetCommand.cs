using System.CommandLine;
using System.Diagnostics;
using Doppel.Cli.Commands;
using Doppel.Databases;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Provenance;
using Doppel.Relational;

namespace Doppel.Cli.Relational;

/// <summary>
/// <c>doppel subset DATABASE -o OUTPUT --root TABLE (--fraction F | --rows N | --where EXPR)</c>: a referentially
/// intact subset of the real rows (<see cref="DatabaseSubset"/>), optionally pseudonymized with a key in the same run
/// (<see cref="DatabasePseudonymizer"/>), written atomically with a manifest.
/// </summary>
internal static class SubsetCommand
{
    public static Command Create(CliConsole console)
    {
        var database = new Argument<string>("DATABASE") { Description = "A folder with one CSV or Parquet file per table, a .sqlite file, or a postgresql:// URI." };
        var output = CommandSupport.Output("Where to write the subset: a new folder (same file names and formats), a .sqlite file, or a postgresql:// URI with ?schema=NEW.");
        var root = new Option<string>("--root") { Description = "The table to choose rows of; their descendants and every row they point at are kept.", Required = true };
        var fraction = new Option<double?>("--fraction") { Description = "Keep this share of the root's rows (0 to 1), chosen at random with --seed." };
        var rows = new Option<long?>("--rows", "-n") { Description = "Keep exactly this many root rows, chosen at random with --seed." };
        var where = new Option<string?>("--where") { Description = "Keep the root rows that meet this condition, e.g. \"Country = 'Brazil'\"." };
        var seed = CommandSupport.Seed();
        var metadata = CommandSupport.MetadataOption();
        var pseudonymize = new Option<bool>("--pseudonymize") { Description = "Replace PII with keyed fakes in the same run (as 'doppel pseudonymize'); foreign keys follow their key, so joins survive." };
        var keyFile = new Option<string?>("--key-file") { Description = "File holding the pseudonymization key (at least 16 bytes). Never stored." };
        var keyEnv = new Option<string?>("--key-env") { Description = "Environment variable holding the pseudonymization key. Never stored." };
        var locale = CommandSupport.PiiLocale();
        var force = CommandSupport.Force();
        var manifest = ManifestOption.Create();
        var command = new Command("subset", "Copy a referentially intact subset of a real database (for test databases), optionally pseudonymized.")
            { database, output, root, fraction, rows, where, seed, metadata, pseudonymize, keyFile, keyEnv, locale, force, manifest };
        command.SetAction(parse =>
        {
            var watch = Stopwatch.StartNew();
            string input = parse.GetValue(database)!, target = parse.GetValue(output)!;
            var location = DatabaseProviders.ParseLocation(target);
            bool overwrite = parse.GetValue(force);
            if (location.Kind != DatabaseKind.Postgres && Path.GetFullPath(input).TrimEnd('/') == Path.GetFullPath(target).TrimEnd('/'))
                throw new DoppelException(ErrorKind.Usage, $"The output {target} is the input; choose another location.");
            if (location.Kind != DatabaseKind.Postgres && !overwrite && (File.Exists(location.Path) || Directory.Exists(location.Path)))
                throw new DoppelException(ErrorKind.IO, $"{location.Path} already exists. Pass --force to replace it.");
            string manifestPath = ManifestOption.Resolve(location, parse.GetValue(manifest), overwrite);
            var options = new SubsetOptions
            {
                Root = parse.GetValue(root)!, Fraction = parse.GetValue(fraction), Rows = parse.GetValue(rows), Where = parse.GetValue(where),
                Seed = parse.GetValue(where) is null ? CommandSupport.ResolveSeed(parse.GetValue(seed), parse, console) : parse.GetValue(seed) ?? 0,
            };
            bool pseudo = parse.GetValue(pseudonymize);
            if (!pseudo && (parse.GetValue(keyFile) ?? parse.GetValue(keyEnv)) is not null)
                throw new DoppelException(ErrorKind.Usage, "--key-file and --key-env give the key of --pseudonymize; add --pseudonymize or leave them out.");
            byte[] key = pseudo ? PseudonymizeCommand.ReadKey(parse.GetValue(keyFile), parse.GetValue(keyEnv)) : [];
            try
            {
                if (pseudo) Pseudonymizer.CheckKey(key);
                using var source = DatabaseOpener.OpenSource(DatabaseProviders.ParseLocation(input), DatabaseCommands.Options(parse, console));
                var meta = parse.GetValue(metadata) is { } path ? MetadataJson.ReadFile(path) : source.ReadMetadata();
                var subset = DatabaseSubset.Select(Database.Read(source, meta), options);
                IReadOnlyList<string> replaced = [];
                if (pseudo) (subset, replaced) = DatabasePseudonymizer.Run(subset, key, new PseudonymizeOptions { Locale = PiiLocales.Validate(parse.GetValue(locale)) });
                var fileNames = source is FolderDatabase folder ? folder.FileNames : new Dictionary<string, string>();
                using var sink = ManifestOption.OpenSink(location, overwrite, fileNames);
                DatabaseSubset.Write(subset, sink);
                var written = ManifestOption.WrittenBy(sink);
                new DatabaseManifest
                {
                    Engine = Manifest.EngineVersion,
                    Seed = options.Seed, Subset = options.Describe(), PseudonymizedColumns = pseudo ? replaced : null,
                    Output = location.ToString(), Tables = written, Hashes = ManifestOption.HashesOf(sink),
                }.Save(manifestPath, overwrite: true);
                if (!CommandSupport.IsQuiet(parse))
                {
                    if (source is FolderDatabase fd) foreach (var warning in fd.Warnings) console.Error.WriteLine($"warning: {warning}");
                    foreach (var table in written) console.Error.WriteLine($"  {table.Table,-24} {table.Rows,12:N0} rows");
                    if (pseudo) console.Error.WriteLine($"Pseudonymized {(replaced.Count == 0 ? "no column (none is marked PII)" : string.Join(", ", replaced))}.");
                    console.Error.WriteLine($"Wrote a subset of {written.Sum(w => w.Rows):N0} rows ({options.Describe()}) to {location} in {watch.Elapsed.TotalSeconds:0.00} s; manifest {manifestPath}.");
                }
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
            }
            return 0;
        });
        return command;
    }
}
