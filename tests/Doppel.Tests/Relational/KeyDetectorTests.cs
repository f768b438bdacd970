using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Tests.Relational;

public class KeyDetectorTests
{
    [SkippableFact]
    public void Chinook_FindsKeysLinksAndTheCompositeKey()
    {
        using var db = FolderDatabase.Open(Path.GetDirectoryName(SharedDatasets.File("chinook/Album.csv"))!);
        var detection = db.Detect();
        var m = detection.Metadata;
        Assert.Equal(["ArtistId"], m.FindTable("Artist")!.Key);
        Assert.Equal(["PlaylistId", "TrackId"], m.FindTable("PlaylistTrack")!.Key);
        var links = m.Relationships.Select(r => r.Describe()).ToHashSet();
        Assert.Contains("Album(ArtistId) -> Artist(ArtistId)", links);
        Assert.Contains("Track(GenreId) -> Genre(GenreId)", links);
        Assert.Contains("PlaylistTrack(TrackId) -> Track(TrackId)", links);
        Assert.Contains("Employee(ReportsTo) -> Employee(EmployeeId)", links);
        Assert.Contains("InvoiceLine(InvoiceId) -> Invoice(InvoiceId)", links);
        // SupportRepId's values lie in many small key ranges and its name matches none: reported, not guessed.
        Assert.DoesNotContain(m.Relationships, r => r.ChildKey == "SupportRepId");
        Assert.Contains(detection.Evidence, e => e.StartsWith("Customer.SupportRepId: not linked", StringComparison.Ordinal) && e.Contains("Employee.EmployeeId", StringComparison.Ordinal));
        Assert.Equal(SemanticType.Id, m.FindTable("Track")!.Find("AlbumId")!.Type);
        Assert.Contains(detection.Evidence, e => e.StartsWith("Track.AlbumId -> Album.AlbumId: same name as the key of Album; all 3503 non-null values found", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Northwind_FindsSnakeCaseKeysLinksAndEmptyLinkTables()
    {
        using var db = FolderDatabase.Open(Path.GetDirectoryName(SharedDatasets.File("northwind/orders.csv"))!);
        var m = db.Detect().Metadata;
        Assert.Equal(["category_id"], m.FindTable("categories")!.Key);
        Assert.Equal(["state_id"], m.FindTable("us_states")!.Key);
        Assert.Equal(["order_id", "product_id"], m.FindTable("order_details")!.Key);
        Assert.Equal(["employee_id", "territory_id"], m.FindTable("employee_territories")!.Key);
        Assert.Equal(["customer_type_id"], m.FindTable("customer_demographics")!.Key);
        Assert.Equal(["customer_id", "customer_type_id"], m.FindTable("customer_customer_demo")!.Key);
        var links = m.Relationships.Select(r => r.Describe()).ToHashSet();
        Assert.Contains("orders(ship_via) -> shippers(shipper_id)", links);
        Assert.Contains("employees(reports_to) -> employees(employee_id)", links);
        Assert.Contains("territories(region_id) -> region(region_id)", links);
        Assert.Contains("customer_customer_demo(customer_type_id) -> customer_demographics(customer_type_id)", links);
        // customers.region holds 'WA', not region ids: a shared name is not a link when the values disagree.
        Assert.DoesNotContain(m.Relationships, r => r.ChildKey == "region");
        Assert.Equal(13, m.Relationships.Count);
    }
}
