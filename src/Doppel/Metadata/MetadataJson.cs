using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doppel.Metadata;

/// <summary>
/// Reads and writes metadata JSON: Doppel's own versioned format, and SDV's single-table (and multi-table V1)
/// metadata. Unknown keys are rejected so a typo never silently changes a model.
/// </summary>
public static class MetadataJson
{
    private const string Format = "doppel-metadata";
    // A file people edit: written as they would write it ("a -> b", "é"), not escaped for embedding in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes metadata to indented JSON.</summary>
    public static string Write(DatasetMetadata metadata) => ToNode(metadata).ToJsonString(Indented);

    /// <summary>The JSON object for <paramref name="metadata"/>.</summary>
    public static JsonObject ToNode(DatasetMetadata metadata)
    {
        var tables = new JsonArray();
        foreach (var table in metadata.Tables)
        {
            var columns = new JsonArray();
            foreach (var column in table.Columns)
            {
                var node = new JsonObject { ["name"] = column.Name, ["type"] = column.TypeName };
                if (column.Type == SemanticType.Numerical)
                {
                    node["integer"] = column.Integer;
                    if (!column.Integer && column.Decimals is { } d) node["decimals"] = d;
                }
                if (column.Type == SemanticType.Id && column.Integer) node["integer"] = true;
                if (column.Format is not null) node["format"] = column.Format;
                WriteDomain(column, node);
                columns.Add(node);
            }
            var tableNode = new JsonObject { ["name"] = table.Name };
            if (table.Key.Count > 1) tableNode["key"] = Strings(table.Key);
            else if (table.PrimaryKey is not null) tableNode["primaryKey"] = table.PrimaryKey;
            tableNode["columns"] = columns;
            if (table.Reference) tableNode["reference"] = true;
            if (table.Sequence is { } sequence) tableNode["sequence"] = SequenceNode(sequence);
            if (table.Constraints.Count > 0) tableNode["constraints"] = new JsonArray([.. table.Constraints.Select(c => (JsonNode?)JsonValue.Create(c))]);
            tables.Add(tableNode);
        }
        var relationships = new JsonArray();
        foreach (var r in metadata.Relationships)
        {
            var node = new JsonObject();
            if (r.Name is not null) node["name"] = r.Name;
            node["parentTable"] = r.ParentTable;
            if (r.IsComposite) node["parentColumns"] = Strings(r.ParentColumns);
            else node["parentKey"] = r.ParentKey;
            node["childTable"] = r.ChildTable;
            if (r.IsComposite) node["childColumns"] = Strings(r.ChildColumns);
            else node["childKey"] = r.ChildKey;
            relationships.Add(node);
        }
        // The lowest version that holds the metadata, so files without the newer parts stay readable by older builds.
        int version = metadata.Tables.Any(t => t.Sequence is not null) ? 4
            : metadata.Tables.Any(t => t.Key.Count > 1) || metadata.Relationships.Any(r => r.IsComposite || r.Name is not null) ? 3
            : metadata.Tables.Any(t => t.Constraints.Count > 0) ? 2 : 1;
        var root = new JsonObject { ["format"] = Format, ["version"] = version, ["tables"] = tables, ["relationships"] = relationships };
        // A database's SQL declarations (types as declared, CHECK, UNIQUE, defaults): readable from version 3 on.
        if (metadata.Sql is not null)
        {
            root["version"] = Math.Max(version, 3);
            root["sql"] = SqlSchemaJson.ToNode(metadata.Sql);
        }
        return root;
    }

    private static JsonObject SequenceNode(SequenceMetadata sequence)
    {
        var node = new JsonObject { ["entity"] = Strings(sequence.Entity), ["order"] = sequence.Order };
        if (sequence.Interval is not null) node["interval"] = sequence.Interval;
        if (sequence.Transitions.Count > 0)
        {
            var transitions = new JsonObject();
            foreach (var (column, pairs) in sequence.Transitions) transitions[column] = Strings(pairs.Select(p => p.ToString()));
            node["transitions"] = transitions;
        }
        return node;
    }

    private static SequenceMetadata ReadSequence(JsonNode? node, IReadOnlyList<ColumnMetadata> columns, string table, Reader reader)
    {
        string where = $"table '{table}': \"sequence\"";
        if (node is not JsonObject obj) throw reader.Error($"{where} must be an object such as {{\"entity\": [\"player_id\"], \"order\": \"year\"}}.");
        reader.OnlyKeys(obj, where, "entity", "order", "interval", "transitions");
        var entity = obj["entity"] is null ? [] : reader.Strings(obj, "entity", where);
        string order = reader.String(obj, "order", where);
        foreach (string column in entity.Append(order))
            if (columns.All(c => c.Name != column)) throw reader.Error($"{where} names column '{column}', which the table does not have.");
        if (entity.Contains(order)) throw reader.Error($"{where}: the order column '{order}' cannot also be an entity column.");
        if (entity.Distinct().Count() != entity.Count) throw reader.Error($"{where}: \"entity\" lists a column twice.");
        var orderColumn = columns.First(c => c.Name == order);
        if (orderColumn.Type is not (SemanticType.Datetime or SemanticType.Numerical))
            throw reader.Error($"{where}: the order column '{order}' is {orderColumn.TypeName}; it must be a datetime or a number.");
        string? interval = obj["interval"] is null ? null : reader.String(obj, "interval", where);
        var transitions = new Dictionary<string, IReadOnlyList<SequenceTransition>>(StringComparer.Ordinal);
        if (obj["transitions"] is { } declared)
        {
            if (declared is not JsonObject byColumn) throw reader.Error($"{where}: \"transitions\" must be an object such as {{\"status\": [\"new -> active\", \"active -> closed\"]}}.");
            foreach (var (column, _) in byColumn)
            {
                if (columns.All(c => c.Name != column)) throw reader.Error($"{where}: \"transitions\" names column '{column}', which the table does not have.");
                transitions[column] = [.. reader.Strings(byColumn, column, $"{where} \"transitions\"").Select(text => SequenceTransition.Parse(text)
                    ?? throw reader.Error($"{where}: transition '{text}' of column '{column}' is not \"FROM -> TO\"."))];
            }
        }
        return new SequenceMetadata(entity, order) { Interval = interval, Transitions = transitions };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Reads a metadata file (Doppel or SDV format).</summary>
    public static DatasetMetadata ReadFile(string path)
    {
        string text;
        try { text = IO.SmallFile.ReadAllText(path, 64 << 20, ErrorKind.Metadata, "metadata file"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read the metadata file {path}: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses metadata JSON; <paramref name="source"/> names it in error messages.</summary>
    public static DatasetMetadata Parse(string json, string source = "metadata")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new DoppelException(ErrorKind.Metadata, $"{source} is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new DoppelException(ErrorKind.Metadata, $"{source}: expected a JSON object at the top level.");
        var reader = new Reader(source);
        if (obj.ContainsKey("METADATA_SPEC_VERSION") || (obj.ContainsKey("columns") && obj["columns"] is JsonObject))
            return SdvMetadata.Read(obj, reader);
        return ReadDoppel(obj, reader);
    }

    private static DatasetMetadata ReadDoppel(JsonObject obj, Reader reader)
    {
        reader.OnlyKeys(obj, "top level", "format", "version", "tables", "relationships", "sql");
        string format = reader.String(obj, "format", "top level");
        if (format != Format) throw reader.Error($"\"format\" is '{format}', expected '{Format}'.");
        int version = reader.Int(obj, "version", "top level");
        if (version > DatasetMetadata.FormatVersion)
            throw reader.Error($"metadata format version {version} is newer than this Doppel understands ({DatasetMetadata.FormatVersion}). Upgrade Doppel.");
        if (version < 1) throw reader.Error($"\"version\" must be 1 or more, not {version}.");
        var tables = new List<TableMetadata>();
        foreach (var tableNode in reader.Array(obj, "tables", "top level"))
        {
            if (tableNode is not JsonObject table) throw reader.Error("every entry of \"tables\" must be an object.");
            reader.OnlyKeys(table, "a table", "name", "primaryKey", "key", "columns", "constraints", "reference", "sequence");
            string name = reader.String(table, "name", "a table");
            var columns = new List<ColumnMetadata>();
            foreach (var columnNode in reader.Array(table, "columns", $"table '{name}'"))
            {
                if (columnNode is not JsonObject column) throw reader.Error($"every column of table '{name}' must be an object.");
                columns.Add(ReadColumn(column, reader, name));
            }
            var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw reader.Error($"table '{name}' lists column '{duplicate.Key}' twice.");
            string? primaryKey = table.ContainsKey("primaryKey") ? reader.OptionalString(table, "primaryKey") : null;
            if (primaryKey is not null && columns.All(c => c.Name != primaryKey))
                throw reader.Error($"table '{name}' has primaryKey '{primaryKey}', which is not one of its columns.");
            IReadOnlyList<string> key = primaryKey is null ? [] : [primaryKey];
            if (table["key"] is not null)
            {
                if (primaryKey is not null) throw reader.Error($"table '{name}' has both \"primaryKey\" and \"key\"; keep one (\"key\" lists the columns of a key of several columns).");
                key = reader.Strings(table, "key", $"table '{name}'");
                if (key.Count == 0) throw reader.Error($"table '{name}': \"key\" is empty; list the key's columns or leave it out.");
                foreach (string column in key)
                    if (columns.All(c => c.Name != column)) throw reader.Error($"table '{name}' has key column '{column}', which is not one of its columns.");
                if (key.Distinct().Count() != key.Count) throw reader.Error($"table '{name}': \"key\" lists a column twice.");
            }
            var constraints = new List<string>();
            if (table["constraints"] is not null)
            {
                if (table["constraints"] is not JsonArray list) throw reader.Error($"table '{name}': \"constraints\" must be an array of strings such as \"pickup < dropoff\".");
                foreach (var item in list)
                {
                    if (item is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text)) constraints.Add(text);
                    else throw reader.Error($"table '{name}': every entry of \"constraints\" must be a non-empty string such as \"pickup < dropoff\" (docs/constraints.md).");
                }
            }
            bool reference = false;
            if (table["reference"] is not null)
            {
                if (table["reference"] is not JsonValue flag || !flag.TryGetValue(out reference))
                    throw reader.Error($"table '{name}': \"reference\" must be true or false.");
            }
            var sequence = table.ContainsKey("sequence") ? ReadSequence(table["sequence"], columns, name, reader) : null;
            tables.Add(new TableMetadata(name, columns) { Key = key, Constraints = constraints, Reference = reference, Sequence = sequence });
        }
        if (tables.Count == 0) throw reader.Error("\"tables\" is empty; describe at least one table.");
        var relationships = new List<Relationship>();
        if (obj["relationships"] is JsonArray rels)
        {
            foreach (var relNode in rels)
            {
                if (relNode is not JsonObject rel) throw reader.Error("every relationship must be an object.");
                reader.OnlyKeys(rel, "a relationship", "name", "parentTable", "parentKey", "parentColumns", "childTable", "childKey", "childColumns");
                string parent = reader.String(rel, "parentTable", "a relationship"), child = reader.String(rel, "childTable", "a relationship");
                var parentColumns = ReadColumns(rel, "parentKey", "parentColumns", reader, $"the relationship from '{child}' to '{parent}'");
                var childColumns = ReadColumns(rel, "childKey", "childColumns", reader, $"the relationship from '{child}' to '{parent}'");
                if (parentColumns.Count != childColumns.Count)
                    throw reader.Error($"the relationship from '{child}' to '{parent}' has {childColumns.Count} child columns but {parentColumns.Count} parent columns.");
                var r = new Relationship(parent, parentColumns, child, childColumns) { Name = reader.OptionalString(rel, "name") };
                foreach (string column in r.ParentColumns) CheckReference(tables, r.ParentTable, column, reader);
                foreach (string column in r.ChildColumns) CheckReference(tables, r.ChildTable, column, reader);
                relationships.Add(r);
            }
        }
        return new DatasetMetadata(tables, relationships) { Sql = obj["sql"] is { } sql ? SqlSchemaJson.Parse(sql, reader) : null };
    }

    /// <summary>A relationship side: one column under <paramref name="single"/> or several under <paramref name="several"/>.</summary>
    private static IReadOnlyList<string> ReadColumns(JsonObject rel, string single, string several, Reader reader, string where)
    {
        if (rel[single] is not null && rel[several] is not null) throw reader.Error($"{where} has both \"{single}\" and \"{several}\"; keep one.");
        if (rel[several] is null) return [reader.String(rel, single, where)];
        var columns = reader.Strings(rel, several, where);
        return columns.Count > 0 ? columns : throw reader.Error($"{where}: \"{several}\" is empty.");
    }

    private static void CheckReference(List<TableMetadata> tables, string table, string column, Reader reader)
    {
        var t = tables.FirstOrDefault(x => x.Name == table) ?? throw reader.Error($"a relationship names table '{table}', which is not described.");
        if (t.Find(column) is null) throw reader.Error($"a relationship names column '{column}', which table '{table}' does not have.");
    }

    private static ColumnMetadata ReadColumn(JsonObject column, Reader reader, string table)
    {
        reader.OnlyKeys(column, $"a column of table '{table}'", "name", "type", "integer", "decimals", "format", "categories", "min", "max", "nullable");
        string name = reader.String(column, "name", $"a column of table '{table}'");
        string where = $"column '{name}'";
        string typeName = reader.String(column, "type", where);
        var meta = ParseType(typeName, reader, where);
        if (column["integer"] is not null) meta = meta with { Integer = reader.Bool(column, "integer", where) };
        if (column["decimals"] is not null)
        {
            int d = reader.Int(column, "decimals", where);
            if (d is < 0 or > 15) throw reader.Error($"{where}: \"decimals\" must be between 0 and 15, not {d}.");
            meta = meta with { Decimals = d };
        }
        if (meta.Type == SemanticType.Numerical && meta.Integer) meta = meta with { Decimals = 0 };
        if (column["format"] is not null)
        {
            string format = reader.String(column, "format", where);
            switch (meta.Type)
            {
                case SemanticType.Numerical:
                    var number = NumberFormat.Parse(format) ?? throw reader.Error(
                        $"{where}: \"format\" '{format}' is not a number format such as 0, 0.00, 0.0# or #,##0.00 (thousands separators, least and most decimals).");
                    if (number.MaxDecimals > 0 && meta.Integer) throw reader.Error($"{where}: \"format\" '{format}' has decimals but the column is an integer column.");
                    if (!meta.Integer) meta = meta with { Decimals = number.MaxDecimals };
                    break;
                case SemanticType.Boolean:
                    if (BooleanSpelling.FromFormat(format) is null)
                        throw reader.Error($"{where}: \"format\" '{format}' is not a boolean spelling such as yes/no or T/F (true, then false).");
                    break;
                default:
                    try { _ = DateTime.UnixEpoch.ToString(format, System.Globalization.CultureInfo.InvariantCulture); }
                    catch (FormatException) { throw reader.Error($"{where}: \"format\" '{format}' is not a valid .NET date format (e.g. yyyy-MM-dd)."); }
                    break;
            }
            meta = meta with { Format = format };
        }
        return ReadDomain(column, meta, reader, where) with { Name = name };
    }

    /// <summary>The declared domain: categories, bounds (datetimes as ISO 8601 strings) and whether nulls occur.</summary>
    private static void WriteDomain(ColumnMetadata column, JsonObject node)
    {
        if (column.Categories is { } categories) node["categories"] = new JsonArray([.. categories.Select(c => (JsonNode?)JsonValue.Create(c))]);
        if (column.Type == SemanticType.Datetime)
        {
            if (column.Min is { } min) node["min"] = IsoDate(min);
            if (column.Max is { } max) node["max"] = IsoDate(max);
        }
        else
        {
            if (column.Min is { } min) node["min"] = min;
            if (column.Max is { } max) node["max"] = max;
        }
        if (column.Nullable is { } nullable) node["nullable"] = nullable;
    }

    private static string IsoDate(double ticks) =>
        new DateTime((long)ticks, DateTimeKind.Unspecified).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static ColumnMetadata ReadDomain(JsonObject column, ColumnMetadata meta, Reader reader, string where)
    {
        bool categorical = meta.Type is SemanticType.Categorical or SemanticType.Boolean;
        bool numeric = meta.Type is SemanticType.Numerical or SemanticType.Datetime;
        if (column["categories"] is not null)
        {
            if (!categorical) throw reader.Error($"{where}: \"categories\" applies only to categorical and boolean columns.");
            var list = new List<string>();
            foreach (var item in reader.Array(column, "categories", where))
            {
                if (item is JsonValue value && value.TryGetValue(out string? s)) list.Add(s);
                else throw reader.Error($"{where}: every entry of \"categories\" must be a string.");
            }
            if (list.Count == 0) throw reader.Error($"{where}: \"categories\" is empty; list the values the column may hold.");
            var twice = list.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw reader.Error($"{where}: \"categories\" lists '{twice.Key}' twice.");
            meta = meta with { Categories = list };
        }
        foreach (string key in (string[])["min", "max"])
        {
            if (column[key] is null) continue;
            if (!numeric) throw reader.Error($"{where}: \"{key}\" applies only to numerical and datetime columns.");
            double bound;
            if (meta.Type == SemanticType.Datetime)
            {
                string text = reader.OptionalString(column, key)!;
                if (!DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                    throw reader.Error($"{where}: \"{key}\" '{text}' is not a date (use ISO 8601, e.g. 2024-01-31).");
                bound = date.Ticks;
            }
            else if (column[key] is JsonValue value && value.TryGetValue(out double d) && double.IsFinite(d)) bound = d;
            else throw reader.Error($"{where}: \"{key}\" must be a finite number.");
            meta = key == "min" ? meta with { Min = bound } : meta with { Max = bound };
        }
        if (meta.Min is { } lo && meta.Max is { } hi && lo > hi)
            throw reader.Error($"{where}: \"min\" is greater than \"max\".");
        if (column["nullable"] is not null) meta = meta with { Nullable = reader.Bool(column, "nullable", where) };
        return meta;
    }

    internal static ColumnMetadata ParseType(string typeName, Reader reader, string where)
    {
        if (typeName.StartsWith("pii:", StringComparison.Ordinal))
        {
            var kind = PiiNames.Parse(typeName[4..]) ?? throw reader.Error($"{where}: unknown PII kind '{typeName[4..]}'. Known kinds: {PiiNames.All}.");
            return new ColumnMetadata("", SemanticType.Pii) { Pii = kind };
        }
        return typeName switch
        {
            "numerical" => new ColumnMetadata("", SemanticType.Numerical),
            "categorical" => new ColumnMetadata("", SemanticType.Categorical),
            "boolean" => new ColumnMetadata("", SemanticType.Boolean),
            "datetime" => new ColumnMetadata("", SemanticType.Datetime),
            "id" => new ColumnMetadata("", SemanticType.Id),
            "text" => new ColumnMetadata("", SemanticType.Text),
            "pii" => new ColumnMetadata("", SemanticType.Pii) { Pii = PiiKind.Other },
            _ => throw reader.Error($"{where}: unknown type '{typeName}'. Use numerical, categorical, boolean, datetime, id, text or pii:KIND."),
        };
    }

    /// <summary>Typed access to JSON values with error messages that name the file and the place.</summary>
    internal sealed class Reader(string source)
    {
        public DoppelException Error(string message) => new(ErrorKind.Metadata, $"{source}: {message}");

        public void OnlyKeys(JsonObject obj, string where, params string[] allowed)
        {
            foreach (var key in obj.Select(p => p.Key))
                if (!allowed.Contains(key))
                    throw Error($"unknown key \"{key}\" in {where}. Allowed keys: {string.Join(", ", allowed)}.");
        }

        public string String(JsonObject obj, string key, string where) =>
            OptionalString(obj, key) ?? throw Error($"{where} needs \"{key}\".");

        public string? OptionalString(JsonObject obj, string key)
        {
            var node = obj[key];
            if (node is null) return null;
            if (node is JsonValue value && value.TryGetValue(out string? s)) return s;
            throw Error($"\"{key}\" must be a string.");
        }

        public int Int(JsonObject obj, string key, string where)
        {
            if (obj[key] is JsonValue value && value.TryGetValue(out int i)) return i;
            throw Error($"{where}: \"{key}\" must be a whole number.");
        }

        public bool Bool(JsonObject obj, string key, string where)
        {
            if (obj[key] is JsonValue value && value.TryGetValue(out bool b)) return b;
            throw Error($"{where}: \"{key}\" must be true or false.");
        }

        public IReadOnlyList<string> Strings(JsonObject obj, string key, string where)
        {
            var list = new List<string>();
            foreach (var item in Array(obj, key, where))
            {
                if (item is JsonValue value && value.TryGetValue(out string? s)) list.Add(s);
                else throw Error($"{where}: every entry of \"{key}\" must be a string.");
            }
            return list;
        }

        public JsonArray Array(JsonObject obj, string key, string where) =>
            obj[key] as JsonArray ?? throw Error($"{where} needs \"{key}\" as an array.");
    }
}
