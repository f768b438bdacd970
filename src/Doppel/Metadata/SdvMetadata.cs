using System.Text.Json.Nodes;

namespace Doppel.Metadata;

/// <summary>
/// Reads SDV metadata: the single-table format (<c>SINGLE_TABLE_V1</c>, or a bare object with "columns") and the
/// multi-table <c>V1</c> format. sdtypes map to Doppel types; PII sdtypes (email, phone_number, ...) map to pii kinds.
/// </summary>
internal static class SdvMetadata
{
    public static DatasetMetadata Read(JsonObject obj, MetadataJson.Reader reader)
    {
        string? spec = reader.OptionalString(obj, "METADATA_SPEC_VERSION");
        if (obj["tables"] is JsonObject tables)
        {
            reader.OnlyKeys(obj, "SDV metadata", "METADATA_SPEC_VERSION", "tables", "relationships");
            var list = tables.Select(p => ReadTable(p.Key, p.Value as JsonObject ?? throw reader.Error($"table '{p.Key}' must be an object."), reader)).ToList();
            var relationships = new List<Relationship>();
            if (obj["relationships"] is JsonArray rels)
            {
                foreach (var node in rels.OfType<JsonObject>())
                {
                    reader.OnlyKeys(node, "an SDV relationship", "parent_table_name", "parent_primary_key", "child_table_name", "child_foreign_key");
                    relationships.Add(new Relationship(reader.String(node, "parent_table_name", "a relationship"), reader.String(node, "parent_primary_key", "a relationship"),
                        reader.String(node, "child_table_name", "a relationship"), reader.String(node, "child_foreign_key", "a relationship")));
                }
            }
            return new DatasetMetadata(list, relationships);
        }
        if (spec is not null && spec != "SINGLE_TABLE_V1")
            throw reader.Error($"SDV metadata version '{spec}' is not supported; use SINGLE_TABLE_V1 or V1.");
        var copy = new JsonObject();
        foreach (var p in obj) if (p.Key != "METADATA_SPEC_VERSION") copy[p.Key] = p.Value?.DeepClone();
        return DatasetMetadata.Single(ReadTable("table", copy, reader));
    }

    private static TableMetadata ReadTable(string name, JsonObject table, MetadataJson.Reader reader)
    {
        reader.OnlyKeys(table, $"SDV table '{name}'", "columns", "primary_key", "alternate_keys", "sequence_key", "sequence_index", "column_relationships");
        var columns = new List<ColumnMetadata>();
        if (table["columns"] is not JsonObject cols) throw reader.Error($"SDV table '{name}' needs \"columns\" as an object.");
        foreach (var (columnName, node) in cols)
        {
            if (node is not JsonObject column) throw reader.Error($"SDV column '{columnName}' must be an object.");
            reader.OnlyKeys(column, $"SDV column '{columnName}'", "sdtype", "computer_representation", "datetime_format", "pii", "regex_format", "order", "order_by");
            string sdtype = reader.String(column, "sdtype", $"SDV column '{columnName}'");
            string? representation = reader.OptionalString(column, "computer_representation");
            var meta = sdtype switch
            {
                "numerical" => new ColumnMetadata(columnName, SemanticType.Numerical)
                {
                    Integer = representation is not null && representation.Contains("Int", StringComparison.OrdinalIgnoreCase),
                    Decimals = representation is not null && representation.Contains("Int", StringComparison.OrdinalIgnoreCase) ? 0 : null,
                },
                "categorical" => new ColumnMetadata(columnName, SemanticType.Categorical),
                "boolean" => new ColumnMetadata(columnName, SemanticType.Boolean),
                "datetime" => new ColumnMetadata(columnName, SemanticType.Datetime) { Format = ConvertStrftime(reader.OptionalString(column, "datetime_format")) },
                "id" => new ColumnMetadata(columnName, SemanticType.Id),
                "text" => new ColumnMetadata(columnName, SemanticType.Text),
                "email" => Pii(columnName, PiiKind.Email),
                "phone_number" => Pii(columnName, PiiKind.Phone),
                "name" or "first_name" or "last_name" => Pii(columnName, PiiKind.PersonName),
                "address" or "street_address" => Pii(columnName, PiiKind.Address),
                "ssn" => Pii(columnName, PiiKind.NationalId),
                "credit_card_number" => Pii(columnName, PiiKind.CreditCard),
                "iban" => Pii(columnName, PiiKind.Iban),
                "ipv4_address" or "ipv6_address" => Pii(columnName, PiiKind.IpAddress),
                "url" => Pii(columnName, PiiKind.Url),
                "postcode" or "zipcode" => Pii(columnName, PiiKind.PostalCode),
                "date_of_birth" => Pii(columnName, PiiKind.BirthDate) with { Format = ConvertStrftime(reader.OptionalString(column, "datetime_format")) },
                _ => Pii(columnName, PiiKind.Other), // SDV treats any other sdtype as PII
            };
            // "pii": false keeps a PII sdtype's real values as categories (SDV models them instead of faking them).
            if (meta.Type == SemanticType.Pii && column["pii"] is JsonValue pii && pii.TryGetValue(out bool isPii) && !isPii)
                meta = meta.Pii == PiiKind.BirthDate
                    ? new ColumnMetadata(columnName, SemanticType.Datetime) { Format = meta.Format }
                    : new ColumnMetadata(columnName, SemanticType.Categorical);
            columns.Add(meta);
        }
        string? primaryKey = table["primary_key"] is JsonValue pk && pk.TryGetValue(out string? key) ? key : null;
        return new TableMetadata(name, columns, primaryKey);
    }

    private static ColumnMetadata Pii(string name, PiiKind kind) => new(name, SemanticType.Pii) { Pii = kind };

    /// <summary>Converts a Python strftime format (%Y-%m-%d) to .NET (yyyy-MM-dd).</summary>
    internal static string? ConvertStrftime(string? format)
    {
        if (format is null) return null;
        var map = new Dictionary<char, string>
        {
            ['Y'] = "yyyy", ['y'] = "yy", ['m'] = "MM", ['d'] = "dd", ['H'] = "HH", ['I'] = "hh", ['M'] = "mm", ['S'] = "ss",
            ['f'] = "ffffff", ['p'] = "tt", ['b'] = "MMM", ['B'] = "MMMM", ['a'] = "ddd", ['A'] = "dddd",
        };
        var result = new System.Text.StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length && map.TryGetValue(format[i + 1], out var net)) { result.Append(net); i++; }
            else if (char.IsLetter(format[i])) result.Append('\\').Append(format[i]);
            else result.Append(format[i]);
        }
        return result.ToString();
    }
}
