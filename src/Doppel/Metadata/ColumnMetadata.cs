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

    /// <summary>For datetimes: the .NET format string of the values (e.g. <c>yyyy-MM-dd</c>).</summary>
    public string? Format { get; init; }

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
