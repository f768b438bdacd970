using System.Globalization;
using Doppel.Metadata;
using Doppel.Streaming;

namespace Doppel.Distributed;

/// <summary>
/// A shard of a distributed out-of-core fit as grain calls: one file of the data, read on the silo the call is
/// placed on, answered as statistics bytes (<see cref="ShardedFit"/>) for the client to merge.
/// </summary>
[Alias("doppel.fit")]
internal interface IFitGrain : IGrainWithGuidKey
{
    /// <summary>Pass 1 of a copula fit over the call's file: its statistics and the file's SHA-256.</summary>
    [Alias("first-pass")]
    Task<FitOutcome> FirstPass(FitCall call);

    /// <summary>Pass 2 of a copula fit over the call's file, given the plan's bytes.</summary>
    [Alias("second-pass")]
    Task<FitOutcome> SecondPass(FitCall call, byte[] plan);

    /// <summary>The seeded sample of at most <paramref name="rows"/> rows of the call's file (for synthesizers that fit on rows).</summary>
    [Alias("sample")]
    Task<FitOutcome> Sample(FitCall call, int rows);
}

/// <summary>What a silo needs to read one file of a fit as the client does: every file (paths every silo can read), which one, its metadata and how cells are read.</summary>
[GenerateSerializer, Immutable, Alias("doppel.fit-call")]
internal sealed class FitCall
{
    [Id(0)] public required string[] Files { get; init; }
    [Id(1)] public required int File { get; init; }
    [Id(2)] public required string Metadata { get; init; }
    [Id(3)] public required int BatchRows { get; init; }
    [Id(4)] public required ulong Seed { get; init; }
    [Id(5)] public required string DecimalSeparator { get; init; }
    [Id(6)] public required string GroupSeparator { get; init; }
    [Id(7)] public required string NegativeSign { get; init; }
    [Id(8)] public string? DateFormat { get; init; }
    [Id(9)] public required string[] NullTokens { get; init; }
    [Id(10)] public required int DetectRows { get; init; }

    public static FitCall Of(TableSource source, int file, ParseOptions options, ulong seed) => new()
    {
        Files = [.. source.Files.Select(Path.GetFullPath)],
        File = file,
        Metadata = MetadataJson.Write(DatasetMetadata.Single(source.Metadata)),
        BatchRows = source.BatchRows,
        Seed = seed,
        DecimalSeparator = options.Numbers.NumberDecimalSeparator,
        GroupSeparator = options.Numbers.NumberGroupSeparator,
        NegativeSign = options.Numbers.NegativeSign,
        DateFormat = options.DateFormat,
        NullTokens = [.. options.NullTokens],
        DetectRows = options.DetectRows,
    };

    /// <summary>The source as the client opened it (nothing is detected again), with its warnings going to <paramref name="warnings"/>.</summary>
    public TableSource Source(ICollection<string> warnings)
    {
        var numbers = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        (numbers.NumberDecimalSeparator, numbers.NumberGroupSeparator, numbers.NegativeSign) = (DecimalSeparator, GroupSeparator, NegativeSign);
        var options = new ParseOptions { Numbers = numbers, DateFormat = DateFormat, NullTokens = NullTokens, DetectRows = DetectRows };
        return TableSource.Reopen(Files, MetadataJson.Parse(Metadata).SingleTable, BatchRows, options, warnings);
    }

    /// <summary>The file and where it is, as an error names it.</summary>
    public string Describe() => $"file {File} ({Path.GetFileName(Files[File])})";
}

/// <summary>A fit shard's result: its statistics bytes (and for pass 1 the file's SHA-256), or the error that stopped it.</summary>
[GenerateSerializer, Immutable, Alias("doppel.fit-outcome")]
internal sealed class FitOutcome
{
    [Id(0)] public byte[]? Statistics { get; init; }
    [Id(1)] public string? Sha256 { get; init; }
    [Id(2)] public string[] Warnings { get; init; } = [];
    [Id(3)] public string? Error { get; init; }
    [Id(4)] public required string Silo { get; init; }
}
