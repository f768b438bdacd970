using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>Detected metadata of a database and the evidence for every key and foreign key (to check and edit).</summary>
/// <param name="Metadata">Tables, keys and relationships as detected.</param>
/// <param name="Evidence">One line per decision: the key, the link and why, or a column that may be a foreign key but was left out.</param>
public sealed record KeyDetection(DatasetMetadata Metadata, IReadOnlyList<string> Evidence);

/// <summary>
/// Finds primary keys and foreign keys in a folder of tables from column names and value inclusion: a key is a
/// unique, never-null column named like the table's id (or, for a link table, its foreign keys together); a
/// foreign key is a column named like another table's key whose values are found in that key. A column whose values
/// all lie in some key but whose name matches none is reported, not linked: small integer ids lie in every table's
/// range, so inclusion alone would guess.
/// </summary>
public static class KeyDetector
{
    /// <summary>Words that make a column of a table pointing at its own key a hierarchy (<c>ReportsTo</c>, <c>parent_id</c>).</summary>
    private static readonly string[] HierarchyWords = ["reportsto", "parent", "manager", "boss", "supervisor", "superior", "mentor"];

    /// <summary>Detects keys and relationships of <paramref name="tables"/> (raw cells) typed by <paramref name="metadata"/> (same order).</summary>
    public static KeyDetection Detect(IReadOnlyList<RawTable> tables, IReadOnlyList<TableMetadata> metadata)
    {
        var evidence = new List<string>();
        var facts = tables.Select((raw, i) => new Facts(metadata[i], raw)).ToList();
        var keys = new IReadOnlyList<string>?[facts.Count];
        for (int t = 0; t < facts.Count; t++) keys[t] = SingleKeyByName(facts[t], facts.Where(f => f != facts[t]).Select(f => f.Metadata.Name), evidence);
        // Tables without a named key: first those that link nowhere (their id may be another table's parent key),
        // then link tables, whose key is their foreign keys together once every parent key is known.
        var links = FindLinks(facts, keys, evidence: null);
        for (int t = 0; t < facts.Count; t++)
            if (keys[t] is null && links.All(l => l.Child != t)) keys[t] = CompositeOrFallbackKey(facts[t], [], evidence);
        for (bool changed = true; changed;)
        {
            changed = false;
            links = FindLinks(facts, keys, evidence: null);
            for (int t = 0; t < facts.Count; t++)
                if (keys[t] is null && CompositeKey(facts[t], links.Where(l => l.Child == t).ToList(), evidence) is { } composite) { keys[t] = composite; changed = true; }
        }
        for (int t = 0; t < facts.Count; t++)
            if (keys[t] is null) keys[t] = CompositeOrFallbackKey(facts[t], [], evidence);
        links = FindLinks(facts, keys, evidence);
        foreach (var link in links) evidence.Add(link.Evidence);
        ReportCandidates(facts, keys, links, evidence);

        var typed = new List<TableMetadata>();
        for (int t = 0; t < facts.Count; t++)
        {
            var key = keys[t] ?? [];
            var idColumns = new HashSet<string>(key, StringComparer.Ordinal);
            foreach (var link in links.Where(l => l.Child == t)) idColumns.Add(link.Column);
            var columns = facts[t].Metadata.Columns.Select(c => idColumns.Contains(c.Name) ? AsId(c, facts[t]) : c).ToList();
            typed.Add(new TableMetadata(facts[t].Metadata.Name, columns) { Key = key, Constraints = facts[t].Metadata.Constraints });
            if (key.Count == 0) evidence.Add($"{facts[t].Metadata.Name}: no key found (no unique, never-null id column); declare one in the metadata.");
        }
        var relationships = links.Select(l => new Relationship(facts[l.Parent].Metadata.Name, keys[l.Parent]![0], facts[l.Child].Metadata.Name, l.Column)).ToList();
        return new KeyDetection(new DatasetMetadata(typed, relationships), evidence);
    }

    /// <summary>Key and foreign-key columns hold identifiers: never modelled, generated; integer ones stay integers.</summary>
    private static ColumnMetadata AsId(ColumnMetadata column, Facts facts)
    {
        bool integer = facts.Distinct(column.Name) is { Count: > 0 } values && values.All(v => long.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n) && (v == "0" || v[0] != '0'));
        return new ColumnMetadata(column.Name, SemanticType.Id) { Integer = integer, Nullable = column.Nullable };
    }

    private sealed record Link(int Child, string Column, int Parent, string Evidence);

    /// <summary>A key named like the table's id: <c>Id</c>, <c>ArtistId</c>, <c>category_id</c> for <c>categories</c>, <c>state_id</c> for <c>us_states</c>.</summary>
    private static IReadOnlyList<string>? SingleKeyByName(Facts facts, IEnumerable<string> otherTables, List<string> evidence)
    {
        var names = KeyNames(facts.Metadata.Name);
        // territory_id in employee_territories is the id of table territories, not of the link table.
        names.ExceptWith(otherTables.SelectMany(t => (string[])[Normal(t) + "id", Singular(Normal(t)) + "id"]));
        foreach (var column in facts.Metadata.Columns)
        {
            if (!names.Contains(Normal(column.Name))) continue;
            if (facts.Rows > 0 && !facts.IsUnique(column.Name)) continue;
            evidence.Add(facts.Rows > 0
                ? $"{facts.Metadata.Name}: key {column.Name} (named like the table's id; {facts.Rows} rows, all distinct, none null)."
                : $"{facts.Metadata.Name}: key {column.Name} (named like the table's id; the table is empty, so nothing was checked).");
            return [column.Name];
        }
        return null;
    }

    /// <summary>A link table's key is its foreign keys together (when unique); otherwise the first unique id-named column that links nowhere.</summary>
    private static IReadOnlyList<string>? CompositeKey(Facts facts, List<Link> links, List<string> evidence)
    {
        var linked = links.Select(l => l.Column).Distinct().ToList();
        string name = facts.Metadata.Name;
        if (linked.Count < 2 || (facts.Rows > 0 && !facts.IsUniqueTogether(linked))) return null;
        evidence.Add(facts.Rows > 0
            ? $"{name}: key ({string.Join(", ", linked)}) (its foreign keys together; {facts.Rows} rows, all combinations distinct, none null)."
            : $"{name}: key ({string.Join(", ", linked)}) (its foreign keys together; the table is empty, so nothing was checked).");
        return linked;
    }

    private static IReadOnlyList<string>? CompositeOrFallbackKey(Facts facts, List<Link> links, List<string> evidence)
    {
        if (CompositeKey(facts, links, evidence) is { } composite) return composite;
        var linked = links.Select(l => l.Column).Distinct().ToList();
        string name = facts.Metadata.Name;
        foreach (var column in facts.Metadata.Columns)
        {
            if (linked.Contains(column.Name) || !LooksLikeId(column.Name)) continue;
            if (facts.Rows > 0 && !facts.IsUnique(column.Name)) continue;
            evidence.Add($"{name}: key {column.Name} (an id-named column{(facts.Rows > 0 ? ", all distinct, none null" : "; the table is empty, so nothing was checked")}).");
            return [column.Name];
        }
        return null;
    }

    private static List<Link> FindLinks(List<Facts> facts, IReadOnlyList<string>?[] keys, List<string>? evidence)
    {
        var links = new List<Link>();
        for (int c = 0; c < facts.Count; c++)
        {
            var child = facts[c];
            foreach (var column in child.Metadata.Columns)
            {
                if (keys[c] is [var own] && own == column.Name) continue;
                for (int p = 0; p < facts.Count; p++)
                {
                    if (keys[p] is not [var parentKey]) continue;
                    var parent = facts[p];
                    var (reason, strong) = p == c ? (SelfReason(column.Name), false) : NameReason(column.Name, parentKey, parent.Metadata.Name);
                    if (reason is null) continue;
                    var (found, total, example) = Inclusion(child, column.Name, parent, parentKey);
                    string where = $"{child.Metadata.Name}.{column.Name} -> {parent.Metadata.Name}.{parentKey}";
                    // A weak name hint (a shared word) links only when every value is a key; a strong one links with
                    // orphans too, so that validation reports them instead of the link silently vanishing.
                    if (!strong && (total == 0 || found < total)) continue;
                    if (total > 0 && found * 2 < total)
                    {
                        evidence?.Add($"{where}: not linked although {reason}: only {found} of {total} values are keys of {parent.Metadata.Name} (e.g. '{example}' is not).");
                        continue;
                    }
                    string values = total == 0 ? "no values to check" : found == total ? $"all {total} non-null values found" : $"{found} of {total} non-null values found, e.g. '{example}' is missing";
                    links.Add(new Link(c, column.Name, p, $"{where}: {reason}; {values}."));
                    break;
                }
            }
        }
        return links;
    }

    /// <summary>Columns holding only values of some table's key but named like none: reported for the user to link or not.</summary>
    private static void ReportCandidates(List<Facts> facts, IReadOnlyList<string>?[] keys, List<Link> links, List<string> evidence)
    {
        for (int c = 0; c < facts.Count; c++)
        {
            var child = facts[c];
            if (child.Rows == 0) continue;
            foreach (var column in child.Metadata.Columns)
            {
                if (keys[c]?.Contains(column.Name) == true || links.Any(l => l.Child == c && l.Column == column.Name)) continue;
                if (!LooksLikeId(column.Name) && !HierarchyWords.Any(Normal(column.Name).Contains)) continue;
                var parents = new List<string>();
                for (int p = 0; p < facts.Count; p++)
                {
                    if (keys[p] is not [var parentKey] || facts[p].Rows == 0) continue;
                    var (found, total, _) = Inclusion(child, column.Name, facts[p], parentKey);
                    if (total > 0 && found == total) parents.Add($"{facts[p].Metadata.Name}.{parentKey}");
                }
                if (parents.Count > 0)
                    evidence.Add($"{child.Metadata.Name}.{column.Name}: not linked (its name matches no key) but all its values are found in {string.Join(", ", parents)}; if it is a foreign key, add the relationship to the metadata.");
            }
        }
    }

    private static (string? Reason, bool Strong) NameReason(string column, string parentKey, string parentTable)
    {
        string c = Normal(column), k = Normal(parentKey);
        if (c == k && k != "id") return ($"same name as the key of {parentTable}", true);
        if (KeyNames(parentTable).Contains(c)) return ($"named after table {parentTable}", true);
        // ship_via -> shippers: the column's first word begins the table's name.
        var words = SplitWords(column);
        if (words.Count > 1 && words[0].Length >= 4 && Singular(Normal(parentTable)).StartsWith(words[0], StringComparison.Ordinal))
            return ($"its first word '{words[0]}' begins the name of table {parentTable}", false);
        return (null, false);
    }

    private static string? SelfReason(string column)
    {
        string c = Normal(column);
        return HierarchyWords.FirstOrDefault(c.Contains) is { } word ? $"a hierarchy within the table (the name says '{word}')" : null;
    }

    /// <summary>How many non-null values of the child column are keys of the parent, of how many, and one that is not.</summary>
    private static (int Found, int Total, string? Example) Inclusion(Facts child, string column, Facts parent, string key)
    {
        var keys = parent.Distinct(key);
        int found = 0, total = 0;
        string? example = null;
        foreach (var value in child.Cells(column))
        {
            if (value is null) continue;
            total++;
            if (keys.Contains(value)) found++;
            else example ??= value;
        }
        return (found, total, example);
    }

    /// <summary>Normalized names a table's own id may have.</summary>
    private static HashSet<string> KeyNames(string table)
    {
        string t = Normal(table), single = Singular(t);
        var words = SplitWords(table);
        string last = words.Count > 0 ? Singular(words[^1]) : single;
        return ["id", t + "id", single + "id", last + "id", t + "key", single + "key", single + "code", single + "no"];
    }

    private static bool LooksLikeId(string column)
    {
        string c = Normal(column);
        return c.EndsWith("id", StringComparison.Ordinal) || c.EndsWith("key", StringComparison.Ordinal);
    }

    private static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.EndsWith("ss", StringComparison.Ordinal) ? word
        : word.EndsWith('s') ? word[..^1] : word;

    /// <summary>Lower case without separators: <c>Customer_Id</c> and <c>customerid</c> are the same name.</summary>
    internal static string Normal(string name) =>
        new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char ch = name[i];
            bool boundary = !char.IsLetterOrDigit(ch) || (char.IsUpper(ch) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && current.Length > 0) { words.Add(current.ToString().ToLowerInvariant()); current.Clear(); }
            if (char.IsLetterOrDigit(ch)) current.Append(ch);
        }
        if (current.Length > 0) words.Add(current.ToString().ToLowerInvariant());
        return words;
    }

    /// <summary>Per table: raw cells by column name, with distinct-value sets computed once.</summary>
    private sealed class Facts(TableMetadata metadata, RawTable raw)
    {
        private readonly Dictionary<string, HashSet<string>> _distinct = new(StringComparer.Ordinal);

        public TableMetadata Metadata { get; } = metadata;

        public int Rows => raw.RowCount;

        public string?[] Cells(string column) => raw.Columns[Array.IndexOf(raw.Names, column)];

        public HashSet<string> Distinct(string column)
        {
            if (!_distinct.TryGetValue(column, out var set))
                _distinct[column] = set = new HashSet<string>(Cells(column).Where(v => v is not null).Select(v => v!), StringComparer.Ordinal);
            return set;
        }

        public bool IsUnique(string column) => Cells(column).All(v => v is not null) && Distinct(column).Count == Rows;

        public bool IsUniqueTogether(IReadOnlyList<string> columns)
        {
            var cells = columns.Select(Cells).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < Rows; r++)
            {
                if (cells.Any(c => c[r] is null)) return false;
                if (!seen.Add(string.Join('\u001f', cells.Select(c => c[r])))) return false;
            }
            return true;
        }
    }
}
