using Doppel.IO;
using Doppel.Models;
using Doppel.Provenance;
using Doppel.Sharding;
using Doppel.Synthesizers;

namespace Doppel.Tests.Sharding;

public class PartitionedOutputTests
{
    private static readonly Lazy<(SynthesisModel Model, string Sha256)> Adult = new(() =>
    {
        var (table, metadata) = TableFiles.Load("samples/adult.csv");
        var model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        return (model, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ModelFile.ToBytes(model))));
    });

    private static IReadOnlyList<ShardJob> Jobs(string folder, ShardPlan plan, string format = "parquet", ulong seed = 7) =>
        ShardJob.Of(plan, Adult.Value.Sha256, seed, format, folder);

    private static PartitionedManifest Write(string folder, ShardPlan plan, int threads, string format = "parquet")
    {
        var jobs = Jobs(folder, plan, format);
        PartitionedOutput.Prepare(folder, jobs, overwrite: false);
        return PartitionedOutput.Sample(Adult.Value.Model, Adult.Value.Sha256, jobs, format, threads);
    }

    [Fact]
    public void ShardPlan_SpreadsRowsEvenlyWithPrefixSumOffsets()
    {
        var even = ShardPlan.Even(10, 4);
        Assert.Equal([3L, 3, 2, 2], even.ShardRows);
        Assert.Equal([0L, 3, 6, 8], even.FirstRows);
        var perPart = ShardPlan.PerPart(25, 10);
        Assert.Equal([10L, 10, 5], perPart.ShardRows);
        Assert.Equal([0L, 10, 20], perPart.FirstRows);
        Assert.Equal(1, ShardPlan.PerPart(0, 10).Shards);
        Assert.Equal(ErrorKind.Usage, Assert.Throws<DoppelException>(() => ShardPlan.Even(10, 0)).Kind);
    }

    [Fact]
    public void Sample_IsByteIdenticalForAnyThreadCount()
    {
        var plan = ShardPlan.Even(30_000, 5);
        string one = TestData.TempFolder(), two = TestData.TempFolder();
        var a = Write(Path.Combine(one, "out"), plan, threads: 1);
        var b = Write(Path.Combine(two, "out"), plan, threads: 3);
        Assert.Equal(a.DatasetDigest, b.DatasetDigest);
        Assert.Equal(a.Parts, b.Parts);
        Assert.Equal(30_000, a.Rows);
        for (int k = 0; k < plan.Shards; k++)
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, "out", a.Parts[k].File)), File.ReadAllBytes(Path.Combine(two, "out", b.Parts[k].File)));
        // Every shard draws from its own streams: no two parts repeat each other's rows.
        Assert.Equal(plan.Shards, a.Parts.Select(p => p.Sha256).Distinct().Count());
        var manifest = PartitionedManifest.Load(Path.Combine(one, "out"));
        Assert.Equal(a.DatasetDigest, manifest.DatasetDigest);
        Assert.Equal(DatasetDigest.Of(manifest.Parts), manifest.DatasetDigest);
        Assert.All(manifest.Parts, p => Assert.Equal(p.Sha256, Fingerprint.OfFile(Path.Combine(one, "out", p.File))));
    }

    [Fact]
    public void Sample_CsvPartsHoldTheRowsOfThePlan()
    {
        string folder = Path.Combine(TestData.TempFolder(), "csv");
        var manifest = Write(folder, ShardPlan.PerPart(2_500, 1_000), threads: 2, format: "csv");
        Assert.Equal(["part-00000.csv", "part-00001.csv", "part-00002.csv"], manifest.Parts.Select(p => p.File));
        var rows = manifest.Parts.Select(p => TableFiles.Load(Path.Combine(folder, p.File), Adult.Value.Model.Metadata).Table.RowCount);
        Assert.Equal([1_000, 1_000, 500], rows);
    }

    [Fact]
    public void Restart_KeepsVerifiedPartsAndRewritesTheMissingOne()
    {
        string folder = Path.Combine(TestData.TempFolder(), "out");
        var plan = ShardPlan.Even(20_000, 4);
        var first = Write(folder, plan, threads: 2);
        // A run that died before its manifest, having written all but part 2.
        File.Delete(Path.Combine(folder, PartitionedManifest.FileName));
        File.Delete(Path.Combine(folder, first.Parts[2].File));
        var kept = new DateTime[4];
        for (int k = 0; k < 4; k++)
            if (k != 2) kept[k] = File.GetLastWriteTimeUtc(Path.Combine(folder, first.Parts[k].File));
        Thread.Sleep(20);
        var again = Write(folder, plan, threads: 2);
        Assert.Equal(first.DatasetDigest, again.DatasetDigest);
        for (int k = 0; k < 4; k++)
            if (k != 2) Assert.Equal(kept[k], File.GetLastWriteTimeUtc(Path.Combine(folder, first.Parts[k].File)));
    }

    [Fact]
    public void Prepare_RefusesAForeignOrAlteredPartWithoutForce()
    {
        string folder = Path.Combine(TestData.TempFolder(), "out");
        var plan = ShardPlan.Even(5_000, 2);
        var first = Write(folder, plan, threads: 1);
        Assert.Equal(ErrorKind.IO, Assert.Throws<DoppelException>(() => PartitionedOutput.Prepare(folder, Jobs(folder, plan), overwrite: false)).Kind); // complete
        File.Delete(Path.Combine(folder, PartitionedManifest.FileName));
        string part = Path.Combine(folder, first.Parts[1].File);
        var bytes = File.ReadAllBytes(part);
        bytes[100] ^= 0xFF;
        File.WriteAllBytes(part, bytes);
        var error = Assert.Throws<DoppelException>(() => PartitionedOutput.Prepare(folder, Jobs(folder, plan), overwrite: false));
        Assert.Contains("part-00001.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        // Another seed is another run: its parts are not these.
        Assert.Throws<DoppelException>(() => PartitionedOutput.Prepare(folder, Jobs(folder, plan, seed: 8), overwrite: false));
        PartitionedOutput.Prepare(folder, Jobs(folder, plan), overwrite: true);
        var again = PartitionedOutput.Sample(Adult.Value.Model, Adult.Value.Sha256, Jobs(folder, plan), "parquet", 1);
        Assert.Equal(first.DatasetDigest, again.DatasetDigest);
    }

    [Fact]
    public void DiskFull_LeavesNoPartClaimingToBeComplete()
    {
        string folder = TestData.TempFolder();
        var job = Jobs(folder, ShardPlan.Even(20_000, 1))[0];
        var error = Assert.Throws<DoppelException>(() => ShardSampler.Sample(Adult.Value.Model, job, 1, stream => new FullDisk(stream, 50_000), CancellationToken.None));
        Assert.Equal(ErrorKind.IO, error.Kind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // no part, no digest, no temporary file
        Assert.Null(ShardSampler.Verified(job));
    }

    /// <summary>A stream onto a disk that fills up after <paramref name="capacity"/> bytes.</summary>
    private sealed class FullDisk(Stream inner, long capacity) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > capacity) throw new IOException("No space left on device");
            _written += buffer.Length;
            inner.Write(buffer);
        }
    }
}
