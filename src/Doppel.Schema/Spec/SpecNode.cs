using System.Globalization;

namespace Doppel.Schema.Spec;

/// <summary>
/// One value of a spec as written: a scalar, a list or an ordered map, with where it stands in the file, so every
/// error can name the line and column. Generators read their parameters from it.
/// </summary>
public sealed class SpecNode
{
    private SpecNode(string? scalar, List<SpecNode>? items, List<KeyValuePair<string, SpecNode>>? entries, int line, int column)
    {
        Scalar = scalar;
        Items = items;
        Entries = entries;
        Line = line;
        Column = column;
    }

    /// <summary>The text of a scalar, else null.</summary>
    public string? Scalar { get; }

    /// <summary>The items of a list, else null.</summary>
    public List<SpecNode>? Items { get; }

    /// <summary>The entries of a map in file order, else null.</summary>
    public List<KeyValuePair<string, SpecNode>>? Entries { get; }

    /// <summary>1-based line in the spec file (0 when built in code).</summary>
    public int Line { get; }

    /// <summary>1-based column in the spec file (0 when built in code).</summary>
    public int Column { get; }

    /// <summary>Whether the scalar was quoted in the file (so <c>"1"</c> stays text).</summary>
    public bool Quoted { get; init; }

    /// <summary>A comment written after the value when the spec is saved (e.g. why a generator was guessed).</summary>
    public string? Comment { get; set; }

    internal static SpecNode Text(string value, int line = 0, int column = 0, bool quoted = false) => new(value, null, null, line, column) { Quoted = quoted };
    internal static SpecNode Number(double value) => Text(value.ToString("R", CultureInfo.InvariantCulture));
    internal static SpecNode List(IEnumerable<SpecNode> items, int line = 0, int column = 0) => new(null, [.. items], null, line, column);
    internal static SpecNode Map(int line = 0, int column = 0) => new(null, null, [], line, column);
    internal static SpecNode Map(IEnumerable<KeyValuePair<string, SpecNode>> entries, int line = 0, int column = 0) => new(null, null, [.. entries], line, column);

    /// <summary>Adds an entry to a map (built in code), returning the map.</summary>
    internal SpecNode Add(string key, SpecNode value)
    {
        Entries!.Add(new(key, value));
        return this;
    }

    internal SpecNode Add(string key, string value) => Add(key, Text(value));
    internal SpecNode Add(string key, double value) => Add(key, Number(value));

    /// <summary>The entry called <paramref name="key"/>, or null.</summary>
    internal SpecNode? Get(string key)
    {
        if (Entries is null) return null;
        foreach (var entry in Entries) if (entry.Key == key) return entry.Value;
        return null;
    }

    internal bool IsMap => Entries is not null;
    internal bool IsList => Items is not null;
    internal bool IsScalar => Scalar is not null;

    /// <summary>"line 3, column 5" or empty when the node was built in code.</summary>
    internal string Where => Line > 0 ? $"line {Line}, column {Column}" : "";
}
