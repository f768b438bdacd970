using System.Globalization;
using System.Text;
using Npgsql;

namespace Doppel.Databases.Postgres;

/// <summary>
/// Turns a PostgreSQL location's libpq parameters (<c>host</c>, <c>port</c>, <c>dbname</c>, <c>user</c>,
/// <c>sslmode</c>, ...) into Npgsql's settings, and describes the connection without the password.
/// </summary>
internal sealed class PostgresConnectionString
{
    private PostgresConnectionString(NpgsqlConnectionStringBuilder builder, string? schema)
    {
        Builder = builder;
        Schema = schema;
    }

    /// <summary>Npgsql's settings (holds the password when one was given).</summary>
    public NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>The <c>schema</c> parameter of the location, if any (Doppel's own addition to the URI).</summary>
    public string? Schema { get; }

    /// <summary>The password given in the location or the options, to scrub from messages.</summary>
    public string? Password => string.IsNullOrEmpty(Builder.Password) ? null : Builder.Password;

    /// <summary>Safe to print: <c>postgresql://user@host:port/dbname</c>, never a password.</summary>
    public string Description
    {
        get
        {
            var text = new StringBuilder("postgresql://");
            if (!string.IsNullOrEmpty(Builder.Username)) text.Append(Uri.EscapeDataString(Builder.Username)).Append('@');
            text.Append(Builder.Host);
            if (Builder.Port != 5432) text.Append(':').Append(Builder.Port.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(Builder.Database)) text.Append('/').Append(Uri.EscapeDataString(Builder.Database));
            if (Schema is not null) text.Append("?schema=").Append(Uri.EscapeDataString(Schema));
            return text.ToString();
        }
    }

    /// <summary>
    /// Npgsql's settings from libpq-named <paramref name="parameters"/> (as <c>DatabaseLocation</c> parses them);
    /// an unknown parameter is a usage error that never echoes a password.
    /// </summary>
    public static PostgresConnectionString Create(IReadOnlyDictionary<string, string> parameters, DatabaseConnectOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Timeout = options.ConnectTimeoutSeconds,
            ApplicationName = "doppel",
            // Pooling would keep a broken or a terminated connection around for the next caller.
            Pooling = false,
        };
        string? schema = null;
        foreach (var (key, value) in parameters)
        {
            if (key == "schema") schema = value;
            else Apply(key, value, builder);
        }
        if (string.IsNullOrEmpty(builder.Host)) builder.Host = "localhost";
        if (options.Password is not null && string.IsNullOrEmpty(builder.Password)) builder.Password = options.Password;
        if (options.PassFile is not null) builder.Passfile = options.PassFile;
        return new PostgresConnectionString(builder, options.Schema ?? schema);
    }

    // libpq's parameter names, mapped onto Npgsql's.
    private static void Apply(string key, string value, NpgsqlConnectionStringBuilder builder)
    {
        switch (key)
        {
            case "host": builder.Host = value; break;
            case "hostaddr": builder.Host = value; break;
            case "port": builder.Port = ParsePort(value); break;
            case "dbname": builder.Database = value; break;
            case "user": builder.Username = value; break;
            case "password": builder.Password = value; break;
            case "passfile": builder.Passfile = value; break;
            case "application_name": builder.ApplicationName = value; break;
            case "connect_timeout":
                builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? t : throw Bad("connect_timeout must be whole seconds");
                break;
            case "sslmode":
                builder.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw Bad($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
                };
                break;
            case "sslrootcert": builder.RootCertificate = value; break;
            case "sslcert": builder.SslCertificate = value; break;
            case "sslkey": builder.SslKey = value; break;
            case "target_session_attrs": break;
            default:
                throw Bad($"the parameter '{key}' is not supported (use host, port, dbname, user, passfile, sslmode, connect_timeout, application_name or schema)");
        }
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? port
            : throw Bad($"the port '{Scrub(text)}' is not a number between 1 and 65535");

    // What the user wrote may hold a password; messages quote at most a short, password-free part.
    private static string Scrub(string text) => text.Length > 30 ? text[..27] + "..." : text;

    private static DoppelException Bad(string why) =>
        new(ErrorKind.Usage, $"The PostgreSQL location cannot be read: {why}. Write it as postgresql://user@host:port/dbname (the password in PGPASSWORD or a .pgpass file).");
}
