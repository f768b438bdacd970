using Doppel.Data;
using Doppel.Schema.Generation;
using Doppel.Schema.Spec;

namespace Doppel.Tests.Schema;

public class SchemaGeneratorTests
{
    private static Table Generate(string yaml, string table, ulong seed = 7) => SchemaGenerator.GenerateTable(SpecYaml.Parse(yaml), table, seed);

    [Fact]
    public void Generate_ExactRowsKeysAndForeignKeysHold()
    {
        var spec = SpecYaml.Parse(SchemaSpecs.Shop);
        var customers = SchemaGenerator.GenerateTable(spec, "customers", 7);
        var orders = SchemaGenerator.GenerateTable(spec, "orders", 7);
        var lines = SchemaGenerator.GenerateTable(spec, "order_lines", 7);
        Assert.Equal(2000, customers.RowCount);
        Assert.Equal(9000, lines.RowCount);
        var ids = ((NumberColumn)customers["customer_id"]).Values.ToHashSet();
        Assert.Equal(2000, ids.Count);
        Assert.Equal(2000, Strings(customers, "code").Distinct().Count());
        Assert.Equal(2000, Strings(customers, "uid").Distinct().Count());
        var orderIds = ((NumberColumn)orders["order_id"]).Values;
        Assert.Equal(orders.RowCount, orderIds.Distinct().Count());
        var perCustomer = ((NumberColumn)orders["customer_id"]).Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perCustomer.Keys, k => Assert.Contains(k, ids));
        Assert.All(perCustomer.Values, c => Assert.InRange(c, 1, 8));
        var orderSet = orderIds.ToHashSet();
        var lineOrders = ((NumberColumn)lines["order_id"]).Values;
        var lineProducts = ((NumberColumn)lines["line_product"]).Values;
        Assert.All(lineOrders, o => Assert.Contains(o, orderSet));
        Assert.Equal(9000, lineOrders.Zip(lineProducts).Distinct().Count());
        Assert.All(lineOrders.GroupBy(o => o), g => Assert.InRange(g.Count(), 1, 6));
        Assert.Equal(orderSet.Count, lineOrders.Distinct().Count()); // min 1: every order has a line
    }

    private static string?[] Strings(Table table, string column) => table[column] switch
    {
        StringColumn s => s.Values,
        CategoryColumn c => [.. c.Codes.Select(i => c.Categories[i])],
        _ => throw new InvalidOperationException(),
    };
}
