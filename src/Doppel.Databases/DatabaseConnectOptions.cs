namespace Doppel.Databases;

/// <summary>How to reach and treat a database, beside its location.</summary>
/// <remarks>
/// A password is never part of <see cref="object.ToString"/> or of any message: the record prints it as <c>***</c>.
/// </remarks>
public sealed record DatabaseConnectOptions
{
    /// <summary>The default options.</summary>
    public static DatabaseConnectOptions Default { get; } = new();

    /// <summary>
    /// The password, when the location does not give one; else PostgreSQL's own defaults apply (the
    /// <c>PGPASSWORD</c> environment variable, then the password file).
    /// </summary>
    public string? Password { get; init; }

    /// <summary>A PostgreSQL password file (<c>.pgpass</c> format); by default <c>PGPASSFILE</c> or <c>~/.pgpass</c>.</summary>
    public string? PassFile { get; init; }

    /// <summary>
    /// The PostgreSQL schema to read, or to create when writing; by default the location's <c>schema</c> parameter,
    /// else <c>public</c> for reading. Writing needs a schema that does not exist yet (or <see cref="Force"/>).
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>Leave out columns whose SQL type Doppel cannot synthesize (arrays, bytea, ...) instead of failing.</summary>
    public bool SkipUnsupported { get; init; }

    /// <summary>Replace an existing target (schema or file) when writing.</summary>
    public bool Force { get; init; }

    /// <summary>How a folder's files are parsed (culture, date format).</summary>
    public Doppel.Metadata.ParseOptions Parse { get; init; } = Doppel.Metadata.ParseOptions.Default;

    /// <summary>Seconds to wait for a connection.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 15;

    /// <summary>Notes for the user (skipped columns, shortened values); never holds a password.</summary>
    public ICollection<string>? Warnings { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"DatabaseConnectOptions {{ Password = {(Password is null ? "null" : "***")}, PassFile = {PassFile}, Schema = {Schema}, SkipUnsupported = {SkipUnsupported}, Force = {Force} }}";
}
