using System.Globalization;
using Doppel.Metadata;

namespace Doppel.Databases.Postgres;

/// <summary>How a value travels over binary COPY: what the reader asks for and what the writer sends.</summary>
internal enum PgWire { Int16, Int32, Int64, Numeric, Float4, Float8, Boolean, Date, Timestamp, TimestampTz, Time, Interval, Text, Uuid, Json, Jsonb, Enum, Bytea }

/// <summary>
/// One PostgreSQL column type as Doppel handles it, parsed from the catalog's <c>format_type</c> text
/// (<c>numeric(10,2)</c>, <c>character varying(40)</c>, <c>timestamp with time zone</c>, an enum's name):
/// its semantic type, how to read it with binary COPY, and how to write it back.
/// </summary>
/// <param name="Declared">The type as declared.</param>
/// <param name="Wire">The type on the wire when writing (reading widens: integers as int8, numeric and interval as float8).</param>
/// <param name="Semantic">The semantic type a column of this type gets (strings: decided from the values).</param>
internal sealed record PostgresType(string Declared, PgWire Wire, SemanticType Semantic)
{
    /// <summary>Whole numbers.</summary>
    public bool Integer { get; init; }

    /// <summary>numeric(p,s): s.</summary>
    public int? Scale { get; init; }

    /// <summary>varchar(n) and char(n): n.</summary>
    public int? Length { get; init; }

    /// <summary>The text format of date and time values, as the metadata writes it.</summary>
    public string? Format { get; init; }

    /// <summary>For strings, the semantic type comes from the values (categorical, text or PII).</summary>
    public bool IsString => Wire is PgWire.Text or PgWire.Json or PgWire.Jsonb;

    /// <summary>The SQL that reads a column (quoted) in the shape the reader expects.</summary>
    public string ReadSql(string column) => Wire switch
    {
        PgWire.Int16 or PgWire.Int32 => column + "::int8",
        PgWire.Numeric => column + "::float8",
        PgWire.Interval => $"extract(epoch from {column})::float8",
        PgWire.Uuid or PgWire.Json or PgWire.Jsonb or PgWire.Enum => column + "::text",
        _ => column,
    };

    /// <summary>The wire type the reader receives.</summary>
    public PgWire ReadWire => Wire switch
    {
        PgWire.Int16 or PgWire.Int32 => PgWire.Int64,
        PgWire.Numeric or PgWire.Interval => PgWire.Float8,
        PgWire.Uuid or PgWire.Json or PgWire.Jsonb or PgWire.Enum => PgWire.Text,
        _ => Wire,
    };

    /// <summary>
    /// The type a column is created with while its data is copied in, when that differs from the declared one
    /// (enums and intervals are copied as text and seconds, then converted with <see cref="CastUsing"/>).
    /// </summary>
    public string? StagingType => Wire switch
    {
        PgWire.Enum => "text",
        PgWire.Interval => "double precision",
        _ => null,
    };

    /// <summary>The USING expression that turns the staged column into the declared type.</summary>
    public string CastUsing(string column) => Wire == PgWire.Interval
        ? $"make_interval(secs => {column})"
        : $"{column}::{Declared}";

    /// <summary>What Doppel supports, for messages.</summary>
    public const string Supported =
        "smallint, integer, bigint, numeric, real, double precision, text, varchar, char, boolean, date, timestamp, timestamptz, time, interval, uuid, json, jsonb and enums";

    /// <summary>Parses a declared type; null when Doppel cannot synthesize it (arrays, tsvector, ...).</summary>
    /// <param name="declared">The <c>format_type</c> text.</param>
    /// <param name="isEnum">Whether the type is an enum.</param>
    public static PostgresType? Parse(string declared, bool isEnum = false)
    {
        if (isEnum) return new(declared, PgWire.Enum, SemanticType.Categorical);
        if (declared.EndsWith("[]", StringComparison.Ordinal)) return null;
        string name = declared;
        int? first = null, second = null;
        int open = declared.IndexOf('(');
        if (open >= 0)
        {
            int close = declared.IndexOf(')', open);
            if (close < 0) return null;
            var args = declared[(open + 1)..close].Split(',');
            first = int.Parse(args[0], CultureInfo.InvariantCulture);
            if (args.Length > 1) second = int.Parse(args[1], CultureInfo.InvariantCulture);
            name = (declared[..open] + declared[(close + 1)..]).Trim();
        }
        return name switch
        {
            "smallint" => new(declared, PgWire.Int16, SemanticType.Numerical) { Integer = true },
            "integer" => new(declared, PgWire.Int32, SemanticType.Numerical) { Integer = true },
            "bigint" => new(declared, PgWire.Int64, SemanticType.Numerical) { Integer = true },
            "numeric" => new(declared, PgWire.Numeric, SemanticType.Numerical) { Scale = first is null ? null : second ?? 0, Integer = first is not null && (second ?? 0) == 0 },
            "real" => new(declared, PgWire.Float4, SemanticType.Numerical),
            "double precision" => new(declared, PgWire.Float8, SemanticType.Numerical),
            "text" or "name" or "citext" => new(declared, PgWire.Text, SemanticType.Categorical),
            "character varying" or "character" => new(declared, PgWire.Text, SemanticType.Categorical) { Length = first },
            "boolean" => new(declared, PgWire.Boolean, SemanticType.Boolean),
            "date" => new(declared, PgWire.Date, SemanticType.Datetime) { Format = "yyyy-MM-dd" },
            "timestamp without time zone" => new(declared, PgWire.Timestamp, SemanticType.Datetime) { Format = TimestampFormat(first) },
            "timestamp with time zone" => new(declared, PgWire.TimestampTz, SemanticType.Datetime) { Format = TimestampFormat(first) },
            "time without time zone" => new(declared, PgWire.Time, SemanticType.Datetime) { Format = "HH:mm:ss" },
            // "interval day to second" and other field-restricted intervals are intervals too.
            _ when name.StartsWith("interval", StringComparison.Ordinal) => new(declared, PgWire.Interval, SemanticType.Numerical),
            "uuid" => new(declared, PgWire.Uuid, SemanticType.Id),
            "json" => new(declared, PgWire.Json, SemanticType.Text),
            "jsonb" => new(declared, PgWire.Jsonb, SemanticType.Text),
            // Written only: a spec's bytea column is generated as hex text (\x...) and cast at commit; the source
            // never reads one (PostgresCatalog: binary payloads of real rows are not synthesized).
            "bytea" => new(declared, PgWire.Bytea, SemanticType.Text),
            _ => null,
        };
    }

    /// <summary>The PostgreSQL type for a column that comes without a declared one (from files or SQLite).</summary>
    public static string DeclaredFor(ColumnMetadata column) => column.Type switch
    {
        SemanticType.Numerical when column.Integer => "bigint",
        SemanticType.Numerical when column.Decimals is { } d => $"numeric(38,{d})",
        SemanticType.Numerical => "double precision",
        SemanticType.Id when column.Integer => "bigint",
        SemanticType.Boolean => "boolean",
        SemanticType.Datetime when column.Format is { } f && ValueParsing.IsDateOnly(f) => "date",
        SemanticType.Datetime when column.Format is { } f && !f.Contains('y') => "time without time zone",
        SemanticType.Datetime => "timestamp without time zone",
        _ => "text",
    };

    // Fractional seconds only where the column keeps them; the metadata's format then writes them as read.
    private static string TimestampFormat(int? precision) => precision == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF";
}
