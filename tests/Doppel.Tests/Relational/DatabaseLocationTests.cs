using Doppel.Relational;

namespace Doppel.Tests.Relational;

public class DatabaseLocationTests
{
    [Fact]
    public void Uri_ParsesIntoLibpqParameters_AndNeverPrintsThePassword()
    {
        var location = DatabaseLocation.Parse("postgresql://alice:s%40cret@db.example:6543/shop?sslmode=require");
        Assert.Equal(DatabaseKind.Postgres, location.Kind);
        Assert.Equal("alice", location.Parameters["user"]);
        Assert.Equal("s@cret", location.Parameters["password"]);
        Assert.Equal("db.example", location.Parameters["host"]);
        Assert.Equal("6543", location.Parameters["port"]);
        Assert.Equal("shop", location.Parameters["dbname"]);
        Assert.Equal("require", location.Parameters["sslmode"]);
        Assert.Equal("postgresql://alice:***@db.example:6543/shop?sslmode=require", location.ToString());
        Assert.DoesNotContain("cret", location.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://localhost/shop", "localhost", "shop")]
    [InlineData("host=localhost dbname=shop password='a b'", "localhost", "shop")]
    [InlineData("Host=localhost;Database=shop;Password=x", "localhost", "shop")]
    [InlineData("postgresql://[::1]:5432/shop", "::1", "shop")]
    public void ConnectionForms_AllReadTheSame(string text, string host, string db)
    {
        var location = DatabaseLocation.Parse(text);
        Assert.Equal(DatabaseKind.Postgres, location.Kind);
        Assert.Equal(host, location.Parameters["host"]);
        Assert.Equal(db, location.Parameters["dbname"]);
        Assert.DoesNotContain("password=", location.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("data/shop.sqlite", DatabaseKind.Sqlite)]
    [InlineData("shop.db", DatabaseKind.Sqlite)]
    [InlineData("data/chinook", DatabaseKind.Folder)]
    public void Paths_AreFoldersOrSqliteFiles(string text, DatabaseKind kind)
    {
        var location = DatabaseLocation.Parse(text);
        Assert.Equal(kind, location.Kind);
        Assert.Equal(text, location.Path);
        Assert.Equal(text, location.ToString());
    }

    [Fact]
    public void BadPort_IsAUsageError()
    {
        var e = Assert.Throws<DoppelException>(() => DatabaseLocation.Parse("postgresql://h:99999/db"));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("99999", e.Message, StringComparison.Ordinal);
    }
}
