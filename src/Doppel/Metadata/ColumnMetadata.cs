namespace Doppel.Metadata;

/// <summary>One column's semantic type and the details that make its synthetic values look like the real ones.</summary>
/// <param name="Name">The column name, as in the data.</param>
/// <param name="Type">The semantic type.</param>
public sealed record ColumnMetadata(string Name, SemanticType Type)
{
    /// <summary>For <see cref="SemanticType.Pii"/>: which kind.</summary>
    public PiiKind? Pii { get; init; }

    /// <summary>For numbers: whole numbers only.</summary>
    public bool Integer { get; init; }

    /// <summary>For decimal numbers: digits after the point to keep; null keeps full precision.</summary>
    public int? Decimals { get; init; }

    /// <summary>
    /// How values are written, learned from the data: for datetimes the .NET format string (e.g. <c>yyyy-MM-dd</c>,
    /// <c>yyyy-MM-dd HH:mm:ss.fff</c>); for numbers a .NET custom number format (<c>0.00</c>, <c>#,##0</c>,
    /// <c>0.0#</c>: thousands separators, least and most decimals); for booleans the two spellings as
    /// <c>TRUE/FALSE</c> (<c>yes/no</c>, <c>T/F</c>, <c>1/0</c>). Null: <c>yyyy-MM-dd HH:mm:ss</c>, <see cref="Decimals"/>
    /// digits, <c>true/false</c>.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>
    /// For categorical and boolean columns: every category the column may hold (its domain). Differentially private
    /// fitting treats it as public knowledge when the metadata is declared public; otherwise it is optional.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>For numbers and datetimes (as <see cref="DateTime"/> ticks): the smallest value the column may hold.</summary>
    public double? Min { get; init; }

    /// <summary>For numbers and datetimes (as <see cref="DateTime"/> ticks): the largest value the column may hold.</summary>
    public double? Max { get; init; }

    /// <summary>Whether the column may be empty; null when not declared.</summary>
    public bool? Nullable { get; init; }

    /// <summary>Whether the column declares its whole domain (categories, or bounds for numbers and datetimes).</summary>
    public bool HasDomain => Type switch
    {
        SemanticType.Categorical or SemanticType.Boolean => Categories is { Count: > 0 } && Nullable is not null,
        SemanticType.Numerical or SemanticType.Datetime => Min is not null && Max is not null && Nullable is not null,
        _ => true,
    };

    /// <summary>How a boolean column spells true and false.</summary>
    internal BooleanSpelling Spelling => BooleanSpelling.FromFormat(Format) ?? BooleanSpelling.Default;

    /// <summary>How a numerical column writes its numbers; null writes the shortest text that reads back exactly.</summary>
    internal NumberFormat? NumberFormat => Type != SemanticType.Numerical ? null
        : Metadata.NumberFormat.Parse(Format) ?? (Integer ? new(false, 0, 0) : Decimals is { } d ? new(false, Math.Min(d, Metadata.NumberFormat.DecimalsLimit), Math.Min(d, Metadata.NumberFormat.DecimalsLimit)) : null);

    /// <summary>The semantic type as written in metadata JSON (<c>pii:email</c> for PII).</summary>
    public string TypeName => Type == SemanticType.Pii ? "pii:" + PiiNames.ToName(Pii ?? PiiKind.Other) : Type.ToString().ToLowerInvariant();
}

internal static class PiiNames
{
    private static readonly (PiiKind Kind, string Name)[] Names =
    [
        (PiiKind.Email, "email"), (PiiKind.Phone, "phone"), (PiiKind.PersonName, "person_name"),
        (PiiKind.Address, "address"), (PiiKind.NationalId, "national_id"), (PiiKind.CreditCard, "credit_card"),
        (PiiKind.Iban, "iban"), (PiiKind.IpAddress, "ip_address"), (PiiKind.Url, "url"),
        (PiiKind.PostalCode, "postal_code"), (PiiKind.BirthDate, "birth_date"), (PiiKind.Other, "other"),
    ];

    public static string ToName(PiiKind kind) => Names.First(n => n.Kind == kind).Name;

    public static PiiKind? Parse(string name) =>
        Names.Where(n => n.Name == name).Select(n => (PiiKind?)n.Kind).FirstOrDefault();

    public static string All => string.Join(", ", Names.Select(n => n.Name));
}
