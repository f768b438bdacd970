namespace Doppel.Tests.Schema;

/// <summary>Specs the schema tests share.</summary>
internal static class SchemaSpecs
{
    /// <summary>Two tables, every generator kind, a fan-out, a composite key, a correlation and a CHECK.</summary>
    public const string Shop = """
        doppel: schema/1
        seed: 7
        tables:
          customers:
            rows: 2000
            key: customer_id
            columns:
              customer_id: { type: integer, sequence: { start: 1 } }
              code:        { type: string, pattern: "[A-Z]{3}-\\d{4}", unique: true }
              first_name:  { type: string, faker: first_name }
              email:       { type: string, faker: email, locale: de, unique: true }
              tier:        { type: string, categories: { gold: 0.1, silver: 0.3, bronze: 0.6 } }
              age:         { type: integer, normal: { mean: 40, sd: 12 }, min: 18, max: 90 }
              income:      { type: decimal, lognormal: { mu: 10, sigma: 0.5 }, decimals: 2 }
              visits:      { type: integer, poisson: { mean: 3 } }
              wait:        { type: decimal, exponential: { mean: 2 }, decimals: 3 }
              rank:        { type: integer, zipf: { n: 100, s: 1.1 } }
              score:       { type: decimal, histogram: { edges: [0, 0, 10, 50], weights: [0.5, 0.3, 0.2] }, decimals: 1 }
              signup:      { type: datetime, datetime: { from: 2020-01-01, to: 2024-12-31, weekdays: [1, 1, 1, 1, 1, 3, 3], hours: [0,0,0,0,0,0,1,2,3,3,3,3,3,3,3,3,3,3,2,2,1,1,0,0] } }
              uid:         { type: string, uuid: true }
              bonus:       { type: decimal, formula: "income * 0.1", decimals: 2 }
              note:        { type: string, faker: sentence, nulls: 0.3, length: 30 }
              level:       { type: integer, uniform: { min: 1, max: 5 } }
            correlations:
              - { columns: [age, income], rank: 0.6 }
            constraints: ["level <= visits + 5"]
          orders:
            key: [order_id]
            columns:
              order_id:    { type: integer, identity: true }
              customer_id: { type: integer }
              amount:      { type: decimal, uniform: { min: 1, max: 500 }, decimals: 2 }
            foreign_keys:
              - { columns: customer_id, references: customers, fanout: { min: 0, max: 8, poisson: { mean: 3 } } }
          order_lines:
            rows: 9000
            key: [order_id, line_product]
            columns:
              order_id:     { type: integer }
              line_product: { type: integer, uniform: { min: 1, max: 50 } }
              quantity:     { type: integer, uniform: { min: 1, max: 10 } }
            foreign_keys:
              - { columns: order_id, references: orders, fanout: { min: 1, max: 6 } }
        """;
}
