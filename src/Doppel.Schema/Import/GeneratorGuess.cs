using System.Globalization;
using System.Text.RegularExpressions;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Import;

/// <summary>
/// Guesses a generator for each DDL column from its name and type (an <c>email</c> column gets the e-mail faker,
/// <c>city</c> the city faker, a <c>*_date</c> a datetime range, a price a log-normal), records why in
/// <see cref="ColumnSpec.Guessed"/> so <c>doppel spec</c> writes it as a comment for review, and maps SQL types to
/// spec types with their bounds (<c>smallint</c>: ±32,767; <c>numeric(10,2)</c>: two places, below 10^8).
/// </summary>
internal static partial class GeneratorGuess
{
    public static TableSpec Table(SqlTable table, Dictionary<string, SqlTable> tables, Dictionary<string, List<string>> enums, long defaultRows, List<string> notes)
    {
        var fkColumns = table.ForeignKeys.SelectMany(f => f.Columns).ToHashSet(StringComparer.Ordinal);
        // A key holding a foreign key (a junction table such as order_details) is generated per parent: its rows are the fan-out's sum.
        var group = table.Key.Count > 1 ? table.ForeignKeys.Where(f => f.Columns.All(table.Key.Contains)).OrderBy(f => table.Key.IndexOf(f.Columns[0])).FirstOrDefault() : default;
        // Likewise a UNIQUE set holding a foreign key and more (pets: UNIQUE (owner_id, name)): generated per parent, the
        // other columns distinct among one parent's children, so they need generators that enumerate their values.
        var perParent = group.Columns is null
            ? table.Unique.Where(u => u.Count > 1).Select(u => (Set: u, Fk: table.ForeignKeys.FirstOrDefault(f => f.Columns.All(u.Contains) && u.Count > f.Columns.Count)))
                .FirstOrDefault(x => x.Fk.Columns is not null)
            : default;
        if (perParent.Fk.Columns is not null) group = perParent.Fk;
        var columns = table.Columns.Select(c => Column(table, c, fkColumns.Contains(c.Name), enums, notes)).ToList();
        // A CHECK that text keep one case (upper(code) = code) is met by the guess itself: letters of that case.
        foreach (string check in table.Checks)
            if (CaseCheck().Match(check) is { Success: true } m && (m.Groups[1].Success ? m.Groups[2].Value == m.Groups[3].Value : m.Groups[4].Value == m.Groups[6].Value))
            {
                bool upper = (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[5].Value).Equals("upper", StringComparison.OrdinalIgnoreCase);
                string column = m.Groups[1].Success ? m.Groups[2].Value : m.Groups[4].Value;
                int i = columns.FindIndex(c => c.Name == column);
                if (i >= 0 && columns[i].Type == SpecType.String && columns[i].Generator?.Kind is not ("categories" or null))
                    columns[i] = columns[i] with
                    {
                        Generator = new GeneratorSpec("pattern", SpecNode.Text($"[{(upper ? "A-Z" : "a-z")}]{{{Math.Min(columns[i].Length ?? 8, 8)}}}", quoted: true)),
                        Guessed = $"its CHECK keeps it {(upper ? "upper" : "lower")} case: random letters",
                    };
            }
        if (perParent.Set is not null)
            for (int i = 0; i < columns.Count; i++)
                if (perParent.Set.Contains(columns[i].Name) && !fkColumns.Contains(columns[i].Name)) columns[i] = Enumerated(columns[i]);
        var foreignKeys = table.ForeignKeys.Select(f =>
        {
            var parent = tables.GetValueOrDefault(f.Parent);
            if (parent is null) notes.Add($"table '{table.Name}': foreign key to '{f.Parent}', which the DDL does not create; generation will refuse it until that table is added.");
            bool selfReference = f.Parent == table.Name;
            if (selfReference)
                for (int i = 0; i < columns.Count; i++)
                    if (f.Columns.Contains(columns[i].Name) && columns[i].Nulls == 0 && !table.Find(columns[i].Name)!.NotNull)
                        columns[i] = columns[i] with { Nulls = 0.1, Guessed = "a nullable reference to its own table: the top rows point at nothing" };
            FanOutSpec? fanOut = group.Columns is not null && f.Columns.SequenceEqual(group.Columns) ? new FanOutSpec { Min = 0, Max = 5 } : null;
            var node = SpecNode.Map();
            if (fanOut is not null) node.Comment = "guessed: fan-out 0 to 5 children per parent; the table's rows are their sum";
            return new ForeignKeySpec { Columns = f.Columns, References = f.Parent, ParentColumns = f.ParentColumns, Name = f.Name, FanOut = fanOut, Node = node };
        }).ToList();
        var unique = table.Unique.Where(u => !u.SequenceEqual(table.Key)).Select(u => (IReadOnlyList<string>)u).ToList();
        return new TableSpec
        {
            Name = table.Name,
            Rows = group.Columns is null ? defaultRows : null,
            Columns = columns,
            Key = table.Key,
            Unique = unique,
            Constraints = table.Checks,
            SqlChecks = table.SqlChecks,
            ForeignKeys = foreignKeys,
        };
    }

    /// <summary>A column that must differ among one parent's children: its guess replaced by one that enumerates values.</summary>
    private static ColumnSpec Enumerated(ColumnSpec spec)
    {
        if (spec.Generator?.Kind is "categories" or "sequence" or "uuid") return spec;
        string name = spec.Name.ToLowerInvariant();
        return spec.Type switch
        {
            SpecType.Integer => spec with { Generator = new GeneratorSpec("uniform", SpecNode.Map().Add("min", Math.Max(spec.Min ?? 1, 1)).Add("max", Math.Min(spec.Max ?? 1000, 1000))), Guessed = "distinct among one parent's children (a UNIQUE with the foreign key): uniform whole numbers" },
            SpecType.String when name.Contains("name", StringComparison.Ordinal) && spec.Length is null or >= 12 =>
                spec with { Generator = Faker("first_name"), Guessed = "distinct among one parent's children (a UNIQUE with the foreign key): first names" },
            SpecType.String => spec with { Generator = new GeneratorSpec("pattern", SpecNode.Text($"[A-Z]{{{Math.Min(spec.Length ?? 8, 8)}}}", quoted: true)), Guessed = "distinct among one parent's children (a UNIQUE with the foreign key): random letters" },
            _ => spec,
        };
    }

    private static ColumnSpec Column(SqlTable table, SqlColumn column, bool isFk, Dictionary<string, List<string>> enums, List<string> notes)
    {
        string type = column.Type;
        string baseType = Regex.Replace(type, @"\(.*\)", "").Trim();
        // The SQL declaration as a sink recreates it: NOT NULL and an identity clause (serial types and nextval defaults say it already).
        bool identityClause = column.Identity && !type.Contains("serial", StringComparison.Ordinal) && column.Default is null;
        string sql = type + (column.NotNull ? " not null" : "") + (identityClause ? " generated by default as identity" : "");
        var spec = new ColumnSpec { Name = column.Name, Type = SpecType.String, Sql = sql, Default = column.Default };
        int? length = LengthOf(type);
        bool isKey = table.Key.Count == 1 && table.Key[0] == column.Name;
        bool isUnique = table.Unique.Any(u => u.Count == 1 && u[0] == column.Name);
        (SpecType Type, double? Min, double? Max, int? Decimals) mapped = baseType switch
        {
            "smallint" or "int2" or "smallserial" => (SpecType.Integer, -32768, 32767, null),
            "integer" or "int" or "int4" or "serial" => (SpecType.Integer, -2147483648, 2147483647, null),
            "bigint" or "int8" or "bigserial" => (SpecType.Integer, null, null, null),
            "real" or "float4" or "double precision" or "float8" or "float" or "money" => (SpecType.Decimal, null, null, 2),
            "numeric" or "decimal" => Numeric(type),
            "boolean" or "bool" => (SpecType.Boolean, null, null, null),
            "date" => (SpecType.Date, null, null, null),
            _ when baseType.StartsWith("timestamp", StringComparison.Ordinal) || baseType == "datetime" => (SpecType.Datetime, null, null, null), // datetime: SQLite's spelling
            _ => (SpecType.String, null, null, null),
        };
        spec = spec with
        {
            Type = mapped.Type,
            Min = Max(column.Min, mapped.Min),
            Max = Min(column.Max, mapped.Max),
            Decimals = mapped.Decimals,
            Length = mapped.Type == SpecType.String ? length : null,
            Unique = isUnique && !isKey,
        };
        if (isFk) return spec;
        if (column.Allowed is { Count: > 0 } allowed)
            return spec with { Generator = new GeneratorSpec("categories", SpecNode.List(allowed.Select(a => SpecNode.Text(a, quoted: true)))) };
        if (enums.TryGetValue(SqlText.Name(type), out var labels))
            return spec with { Type = SpecType.String, Length = null, Generator = new GeneratorSpec("categories", SpecNode.List(labels.Select(a => SpecNode.Text(a, quoted: true)))) };
        var (generator, why) = Guess(column, spec, baseType, isKey || isUnique, length);
        if (generator is null)
        {
            notes.Add($"column '{table.Name}.{column.Name}' of type {type}: no generator fits; it gets short words, review it.");
            (generator, why) = (Faker("words", 1, 3), $"type {type} not known: words");
        }
        return spec with { Generator = generator, Guessed = why };
    }

    private static (GeneratorSpec? Generator, string Why) Guess(SqlColumn column, ColumnSpec spec, string baseType, bool unique, int? length)
    {
        string name = column.Name.ToLowerInvariant();
        bool Has(params string[] parts) => parts.Any(p => name == p || name.EndsWith("_" + p, StringComparison.Ordinal) || name.StartsWith(p + "_", StringComparison.Ordinal) || name.Contains("_" + p + "_", StringComparison.Ordinal));
        switch (spec.Type)
        {
            case SpecType.Integer when unique || column.Identity:
                return (new GeneratorSpec("sequence", SpecNode.Map().Add("start", 1)), column.Identity ? "identity column: 1, 2, 3, ..." : "unique integer: a sequence 1, 2, 3, ...");
            case SpecType.String when unique:
                // The e-mail faker's addresses reach about 45 characters; a shorter unique column gets addresses that fit.
                if (name.Contains("email", StringComparison.Ordinal) && length is < 48 and >= 17)
                    return (new GeneratorSpec("pattern", SpecNode.Text($"[a-z]{{{Math.Min(length.Value - 12, 12)}}}@example\\.com", quoted: true)),
                        $"name says e-mail, unique in {length} characters: random addresses at example.com that fit");
                if (name.Contains("email", StringComparison.Ordinal)) return (Faker("email"), "name says e-mail (unique: each name pair once per domain, then numbered)");
                if (baseType == "uuid") return (new GeneratorSpec("uuid", SpecNode.Text("true")), "unique uuid");
                int k = Math.Min(length ?? 8, 8);
                return (new GeneratorSpec("pattern", SpecNode.Text(k >= 8 ? "[A-Z0-9]{8}" : $"[A-Z]{{{k}}}", quoted: true)), $"unique text of length {length?.ToString(CultureInfo.InvariantCulture) ?? "any"}: random letters");
            case SpecType.Integer or SpecType.Decimal:
                return Number(name, spec, Has, column.Min, column.Max);
            case SpecType.Boolean:
                return (new GeneratorSpec("categories", SpecNode.Map().Add("true", 0.5).Add("false", 0.5)), "boolean: even odds");
            case SpecType.Date or SpecType.Datetime:
            {
                bool birth = Has("birth", "dob", "birthday") || name.Contains("birth", StringComparison.Ordinal);
                var p = SpecNode.Map().Add("from", birth ? "1950-01-01" : "2015-01-01").Add("to", birth ? "2005-12-31" : "2025-12-31");
                if (spec.Type == SpecType.Datetime)
                    p.Add("hours", SpecNode.List(Enumerable.Range(0, 24).Select(h => SpecNode.Number(h is >= 8 and < 18 ? 3 : h is >= 6 and < 22 ? 1 : 0.2))));
                return (new GeneratorSpec("datetime", p), birth ? "a birth date: 1950 to 2005" : "a date from 2015 to 2025" + (spec.Type == SpecType.Datetime ? ", business hours" : ""));
            }
        }
        if (baseType == "uuid") return (new GeneratorSpec("uuid", SpecNode.Text("true")), "uuid");
        if (baseType == "bytea") return (new GeneratorSpec("pattern", SpecNode.Text("\\\\x[0-9a-f]{16}", quoted: true)), "bytea: 8 random bytes in hex");
        if (baseType is "json" or "jsonb") return (new GeneratorSpec("constant", SpecNode.Text("{}", quoted: true)), "json: an empty object");
        if (baseType.StartsWith("time", StringComparison.Ordinal)) return (new GeneratorSpec("pattern", SpecNode.Text("[01][0-9]:[0-5][0-9]:[0-5][0-9]", quoted: true)), "time of day");
        if (baseType is "inet" or "cidr") return (new GeneratorSpec("pattern", SpecNode.Text("10\\.[1-9][0-9]\\.[1-9][0-9]\\.[1-9][0-9]", quoted: true)), "an address in 10.0.0.0/8");
        if (name.Contains("email", StringComparison.Ordinal)) return (Faker("email"), "name says e-mail");
        if (Has("first_name", "firstname", "given_name", "forename")) return (Faker("first_name"), "name says first name");
        if (Has("last_name", "lastname", "surname", "family_name")) return (Faker("last_name"), "name says last name");
        if (Has("company", "company_name", "supplier", "organization", "organisation")) return (Faker("company"), "name says company");
        if (Has("state_abbr") || (Has("state", "country_code") && length == 2)) return (new GeneratorSpec("pattern", SpecNode.Text("[A-Z]{2}", quoted: true)), "a two-letter code");
        if (Has("city", "town")) return (Faker("city"), "name says city");
        if (Has("country")) return (Faker("country"), "name says country");
        if (Has("region", "state", "province", "state_name")) return (Faker("state"), "name says region or state");
        if (Has("postal_code", "postcode", "zip", "zipcode", "zip_code")) return (Faker("postal_code"), "name says postal code");
        if (Has("address", "street", "address1", "address2")) return (Faker("street_address"), "name says street address");
        if (Has("phone", "fax", "mobile", "telephone", "home_phone", "cell")) return (Faker("phone"), "name says phone");
        if (Has("url", "homepage", "website", "web", "path", "photo_path", "link")) return (Faker("url"), "name says URL");
        if (Has("username", "login", "user_name", "handle")) return (Faker("username"), "name says user name");
        if (Has("name") && (name.StartsWith("contact", StringComparison.Ordinal) || name.StartsWith("ship", StringComparison.Ordinal) || name is "name" or "full_name" or "person_name")) return (Faker("full_name"), "name says a person's name");
        if (Has("extension", "ext")) return (new GeneratorSpec("pattern", SpecNode.Text("\\d{3,4}", quoted: true)), "a phone extension");
        if (Has("description", "desc", "notes", "note", "comment", "comments", "remarks", "bio", "summary") || baseType == "text") return (Faker("sentence"), "free text: a sentence");
        if (Has("name", "title", "label", "quantity_per_unit", "type", "category")) return (Faker("words", 1, 3), "a short name or title: one to three words");
        return (Faker("words", 1, 3), $"text ({spec.Sql}): one to three words");
    }

    /// <summary>A number's guess from its name; when a CHECK bounds it on both sides, only a guess inside those bounds, else uniform between them.</summary>
    private static (GeneratorSpec?, string) Number(string name, ColumnSpec spec, Func<string[], bool> has, double? checkMin, double? checkMax)
    {
        bool integer = spec.Type == SpecType.Integer;
        bool bounded = checkMin is not null && checkMax is not null && checkMin <= checkMax;
        bool Fits(double low, double high) => !bounded || (checkMin <= low && high <= checkMax);
        if (Fits(0, 1) && (has(["discontinued", "active", "deleted", "enabled", "flag"]) || name.StartsWith("is_", StringComparison.Ordinal) || name.StartsWith("has_", StringComparison.Ordinal)))
            return (new GeneratorSpec("categories", SpecNode.Map().Add("0", 0.9).Add("1", 0.1)), "a flag: 1 in 10 set");
        if (Fits(0, 0.25) && has(["discount", "rate", "ratio", "share", "pct"]) && !integer)
            return (new GeneratorSpec("uniform", SpecNode.Map().Add("min", 0).Add("max", 0.25)), "a discount or rate: 0 to 0.25");
        if (bounded)
        {
            string from = checkMin!.Value.ToString(CultureInfo.InvariantCulture), to = checkMax!.Value.ToString(CultureInfo.InvariantCulture);
            if (!(has(["year"]) && Fits(2000, 2025)) && !(has(["rating", "stars", "score"]) && Fits(1, 5)))
                return (new GeneratorSpec("uniform", SpecNode.Map().Add("min", checkMin.Value).Add("max", checkMax.Value)), $"bounded by its CHECK: uniform {from} to {to}");
        }
        if (has(["price", "cost", "amount", "freight", "total", "salary", "fee", "balance", "revenue", "value"]))
            return (new GeneratorSpec("lognormal", SpecNode.Map().Add("mu", 3).Add("sigma", 1)), "an amount: log-normal around 20, long right tail");
        if (has(["quantity", "qty", "units", "stock", "count", "level", "reorder_level", "units_in_stock", "units_on_order", "number"]) && integer)
            return (new GeneratorSpec("poisson", SpecNode.Map().Add("mean", 20)), "a count: Poisson, mean 20");
        if (has(["age"]))
            return (new GeneratorSpec("normal", SpecNode.Map().Add("mean", 40).Add("sd", 15)), "an age: normal 40 ± 15");
        if (has(["year"]))
            return (new GeneratorSpec("uniform", SpecNode.Map().Add("min", 2000).Add("max", 2025)), "a year: 2000 to 2025");
        if (has(["rating", "stars", "score"]))
            return (new GeneratorSpec("uniform", SpecNode.Map().Add("min", 1).Add("max", 5)), "a rating: 1 to 5");
        double high = Math.Min(spec.Max ?? 1000, 1000), low = Math.Max(spec.Min ?? 0, 0);
        if (high < low) (low, high) = (spec.Min ?? 0, spec.Max ?? 0);
        return (new GeneratorSpec("uniform", SpecNode.Map().Add("min", low).Add("max", high)), $"a number ({spec.Sql}): uniform {low.ToString(CultureInfo.InvariantCulture)} to {high.ToString(CultureInfo.InvariantCulture)}");
    }

    private static GeneratorSpec Faker(string kind, int minWords = 0, int maxWords = 0) => minWords == 0
        ? new GeneratorSpec("faker", SpecNode.Text(kind))
        : new GeneratorSpec("faker", SpecNode.Map().Add("name", kind).Add("words", SpecNode.List([SpecNode.Number(minWords), SpecNode.Number(maxWords)])));

    private static (SpecType, double?, double?, int?) Numeric(string type)
    {
        var m = Regex.Match(type, @"\((\d+)\s*(?:,\s*(\d+))?\)");
        if (!m.Success) return (SpecType.Decimal, null, null, 2);
        int precision = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int scale = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        double max = Math.Pow(10, precision - scale) - Math.Pow(10, -scale);
        return (scale == 0 ? SpecType.Integer : SpecType.Decimal, -max, max, scale == 0 ? null : scale);
    }

    private static int? LengthOf(string type) =>
        Regex.Match(type, @"^(?:character varying|varchar|character|char|bpchar)\s*\((\d+)\)") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    [GeneratedRegex(@"^\s*(?:(upper|lower)\((\w+)\)\s*=\s*(\w+)|(\w+)\s*=\s*(upper|lower)\((\w+)\))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CaseCheck();
}
