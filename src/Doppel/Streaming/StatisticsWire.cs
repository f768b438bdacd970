using System.Text;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Streaming;

/// <summary>
/// A streamed fit's statistics as bytes, so a distributed fit can gather them on the silos that read the shards and
/// merge them on the client: a shard's first pass (<see cref="FirstPassStatistics"/>, with its row sample), what the
/// second pass needs from the plan (the dimensions and cut points), and a shard's second pass
/// (<see cref="CopulaMoments"/>). Exact: numbers bit for bit, categories in their order of first appearance, so
/// merging restored objects gives what merging the originals gives. Fit-time only: these bytes hold real values
/// and travel between the processes of one fit; they are never stored.
/// </summary>
internal static class StatisticsWire
{
    private const uint FirstPassTag = 0x44505331; // "DPS1"
    private const uint PlanTag = 0x44505032;      // "DPP2"
    private const uint MomentsTag = 0x44504d32;   // "DPM2"
    private const uint SampleTag = 0x44505253;    // "DPRS"

    /// <summary>A shard's first pass.</summary>
    public static byte[] Write(FirstPassStatistics first) => Bytes(FirstPassTag, w =>
    {
        w.Write(first.Rows);
        w.Write(first.Columns.Length);
        foreach (var column in first.Columns) WriteSummary(w, column);
        w.Write(first.Sample is not null);
        if (first.Sample is not null) WriteReservoir(w, first.Sample);
    });

    /// <summary>A shard's first pass, as <see cref="Write(FirstPassStatistics)"/> wrote it.</summary>
    public static FirstPassStatistics ReadFirstPass(byte[] bytes, TableMetadata metadata, ulong seed) => Read(bytes, FirstPassTag, r =>
    {
        long rows = r.ReadInt64();
        int count = r.ReadInt32();
        if (count != metadata.Columns.Count) throw new InvalidDataException($"The statistics have {count} columns, the metadata {metadata.Columns.Count}.");
        var columns = new ColumnSummary[count];
        for (int c = 0; c < count; c++) columns[c] = ReadSummary(r);
        var sample = r.ReadBoolean() ? ReadReservoir(r, metadata, seed) : null;
        return new FirstPassStatistics(metadata, columns, sample, rows);
    });

    /// <summary>A row sample alone (a shard's part of the sample that row-fitting synthesizers fit on).</summary>
    public static byte[] Write(RowReservoir reservoir) => Bytes(SampleTag, w => WriteReservoir(w, reservoir));

    /// <summary>A row sample, as <see cref="Write(RowReservoir)"/> wrote it.</summary>
    public static RowReservoir ReadReservoir(byte[] bytes, TableMetadata metadata, ulong seed) => Read(bytes, SampleTag, r => ReadReservoir(r, metadata, seed));

    /// <summary>What a shard's second pass needs from the plan: the latent dimensions and the cut points.</summary>
    public static byte[] WriteMomentsPlan(CopulaPlan plan) => Bytes(PlanTag, w =>
    {
        w.Write(plan.Continuous.Length);
        foreach (var dimension in plan.Continuous) { w.Write(dimension.Column); WriteSketch(w, dimension.Sketch); }
        w.Write(plan.Levels.Length);
        foreach (var level in plan.Levels)
        {
            w.Write(level.Column);
            WriteArray(w, level.Counts, w.Write);
            WriteArray(w, level.LevelIds, w.Write);
            w.Write(level.SlotOf is not null);
            if (level.SlotOf is not null)
            {
                w.Write(level.SlotOf.Count);
                foreach (var (name, slot) in level.SlotOf) { w.Write(name); w.Write(slot); }
                WriteArray(w, level.KeptNames!, w.Write);
            }
        }
        w.Write(plan.Slices.Count);
        foreach (var (column, cuts) in plan.Slices) { w.Write(column); WriteArray(w, cuts, w.Write); }
    });

    /// <summary>Empty second-pass accumulators of the plan <see cref="WriteMomentsPlan"/> wrote.</summary>
    public static CopulaMoments ReadMomentsPlan(byte[] bytes) => Read(bytes, PlanTag, r =>
    {
        var continuous = new ContinuousDimension[r.ReadInt32()];
        for (int i = 0; i < continuous.Length; i++) continuous[i] = new ContinuousDimension(r.ReadInt32(), ReadSketch(r));
        var levels = new LevelDimension[r.ReadInt32()];
        for (int a = 0; a < levels.Length; a++)
        {
            int column = r.ReadInt32();
            var counts = ReadArray(r, r.ReadInt64);
            var ids = ReadArray(r, r.ReadInt32);
            Dictionary<string, int>? slotOf = null;
            string[]? kept = null;
            if (r.ReadBoolean())
            {
                int n = r.ReadInt32();
                slotOf = new Dictionary<string, int>(n, StringComparer.Ordinal);
                for (int k = 0; k < n; k++) slotOf.Add(r.ReadString(), r.ReadInt32());
                kept = ReadArray(r, r.ReadString);
            }
            levels[a] = LevelDimension.Restore(column, counts, ids, slotOf, kept);
        }
        var slices = new (int, double[])[r.ReadInt32()];
        for (int s = 0; s < slices.Length; s++) slices[s] = (r.ReadInt32(), ReadArray(r, r.ReadDouble));
        return new CopulaMoments(continuous, levels, slices);
    });

    /// <summary>A shard's second pass.</summary>
    public static byte[] Write(CopulaMoments moments) => Bytes(MomentsTag, w =>
    {
        w.Write(moments.Slices.Length);
        foreach (var slices in moments.Slices) { WriteArray(w, slices.Counts, w.Write); WriteArray(w, slices.Sums, w.Write); }
        WriteJagged(w, moments.ContinuousPairs, w.Write);
        WriteJagged(w, moments.LevelContinuous, w.Write);
        WriteJagged(w, moments.LevelPairs, w.Write);
    });

    /// <summary>A shard's second pass into fresh accumulators of <paramref name="plan"/>; refused when its shape is not the plan's.</summary>
    public static CopulaMoments ReadMoments(byte[] bytes, CopulaPlan plan) => Read(bytes, MomentsTag, r =>
    {
        var moments = plan.NewMoments();
        if (r.ReadInt32() != moments.Slices.Length) throw new InvalidDataException("The moments are not of this plan.");
        foreach (var slices in moments.Slices) { ReadInto(r, slices.Counts, r.ReadInt64); ReadInto(r, slices.Sums, r.ReadDouble); }
        ReadJaggedInto(r, moments.ContinuousPairs, r.ReadDouble);
        ReadJaggedInto(r, moments.LevelContinuous, r.ReadDouble);
        ReadJaggedInto(r, moments.LevelPairs, r.ReadInt64);
        return moments;
    });

    private static void WriteSummary(BinaryWriter w, ColumnSummary summary)
    {
        w.Write(summary.Rows);
        w.Write(summary.Nulls);
        w.Write(summary.Sketch is not null);
        if (summary.Sketch is not null) WriteSketch(w, summary.Sketch);
        WriteArray(w, summary.Lowest, w.Write);
        WriteArray(w, summary.Highest, w.Write);
        w.Write(summary.Counts is not null);
        if (summary.Counts is not null)
        {
            w.Write(summary.Counts.Count);
            foreach (var (category, count) in summary.Counts) { w.Write(category); w.Write(count); }
        }
    }

    private static ColumnSummary ReadSummary(BinaryReader r)
    {
        long rows = r.ReadInt64(), nulls = r.ReadInt64();
        var sketch = r.ReadBoolean() ? ReadSketch(r) : null;
        var lowest = ReadArray(r, r.ReadDouble);
        var highest = ReadArray(r, r.ReadDouble);
        Dictionary<string, long>? counts = null;
        if (r.ReadBoolean())
        {
            int n = r.ReadInt32();
            counts = new Dictionary<string, long>(n);
            for (int k = 0; k < n; k++) counts.Add(r.ReadString(), r.ReadInt64());
        }
        return ColumnSummary.Restore(rows, nulls, sketch, lowest, highest, counts);
    }

    private static void WriteSketch(BinaryWriter w, QuantileSketch sketch)
    {
        w.Write(sketch.K);
        w.Write(sketch.Count);
        w.Write(sketch.Levels.Count);
        foreach (var level in sketch.Levels) WriteArray(w, level, w.Write);
    }

    private static QuantileSketch ReadSketch(BinaryReader r)
    {
        int k = r.ReadInt32();
        long count = r.ReadInt64();
        var levels = new double[r.ReadInt32()][];
        for (int h = 0; h < levels.Length; h++) levels[h] = ReadArray(r, r.ReadDouble);
        return QuantileSketch.FromLevels(k, count, levels);
    }

    private static void WriteReservoir(BinaryWriter w, RowReservoir reservoir)
    {
        var (rows, keys) = reservoir.Contents();
        w.Write(reservoir.Capacity);
        WriteArray(w, keys, w.Write);
        w.Write(rows is not null);
        if (rows is not null) WriteTable(w, rows);
    }

    private static RowReservoir ReadReservoir(BinaryReader r, TableMetadata metadata, ulong seed)
    {
        int capacity = r.ReadInt32();
        var keys = ReadArray(r, r.ReadUInt64);
        var rows = r.ReadBoolean() ? ReadTable(r) : null;
        if ((rows?.RowCount ?? 0) != keys.Length) throw new InvalidDataException("The sample's keys do not match its rows.");
        return RowReservoir.Restore(capacity, seed, metadata, rows, keys);
    }

    private static void WriteTable(BinaryWriter w, Table table)
    {
        w.Write(table.RowCount);
        w.Write(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            w.Write(column.Name);
            w.Write((byte)column.Kind);
            for (int i = 0; i < column.Length; i += 64)
            {
                ulong bits = 0;
                for (int b = 0; b < 64 && i + b < column.Length; b++) if (!column.IsNull(i + b)) bits |= 1UL << b;
                w.Write(bits);
            }
            switch (column)
            {
                case NumberColumn numbers: foreach (double v in numbers.Values) w.Write(v); break;
                case DateTimeColumn dates: foreach (long v in dates.Ticks) w.Write(v); break;
                case BooleanColumn booleans: foreach (bool v in booleans.Values) w.Write(v); break;
                case CategoryColumn categories:
                    WriteArray(w, categories.Categories, w.Write);
                    foreach (int v in categories.Codes) w.Write(v);
                    break;
                case StringColumn strings:
                    foreach (string? v in strings.Values) w.Write(v ?? "");
                    break;
                default: throw new InvalidOperationException($"Column '{column.Name}' has an unknown kind.");
            }
        }
    }

    private static Table ReadTable(BinaryReader r)
    {
        int rows = r.ReadInt32();
        var columns = new Column[r.ReadInt32()];
        for (int c = 0; c < columns.Length; c++)
        {
            string name = r.ReadString();
            var kind = (ColumnKind)r.ReadByte();
            var bits = new ulong[(rows + 63) >> 6];
            for (int k = 0; k < bits.Length; k++) bits[k] = r.ReadUInt64();
            var validity = new Validity(bits, rows);
            columns[c] = kind switch
            {
                ColumnKind.Number => new NumberColumn(name, Fill(rows, r.ReadDouble), validity),
                ColumnKind.DateTime => new DateTimeColumn(name, Fill(rows, r.ReadInt64), validity),
                ColumnKind.Boolean => new BooleanColumn(name, Fill(rows, r.ReadBoolean), validity),
                ColumnKind.Category => CategoriesOf(name, ReadArray(r, r.ReadString), Fill(rows, r.ReadInt32), validity),
                ColumnKind.String => StringsOf(name, Fill(rows, r.ReadString), validity),
                _ => throw new InvalidDataException($"Column '{name}' has an unknown kind {(int)kind}."),
            };
        }
        return new Table(columns, rows);
    }

    private static CategoryColumn CategoriesOf(string name, string[] categories, int[] codes, Validity validity) => new(name, codes, categories, validity);

    private static StringColumn StringsOf(string name, string[] values, Validity validity)
    {
        var strings = new string?[values.Length];
        for (int i = 0; i < values.Length; i++) strings[i] = validity.IsValid(i) ? values[i] : null;
        return new StringColumn(name, strings, validity);
    }

    private static byte[] Bytes(uint tag, Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(tag);
            write(writer);
        }
        return stream.ToArray();
    }

    /// <exception cref="DoppelException"><see cref="ErrorKind.Model"/> for bytes that are not what was expected (another version, or damaged).</exception>
    private static T Read<T>(byte[] bytes, uint tag, Func<BinaryReader, T> read)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            if (reader.ReadUInt32() != tag) throw new InvalidDataException("unexpected header");
            var value = read(reader);
            if (reader.BaseStream.Position != bytes.Length) throw new InvalidDataException("trailing bytes");
            return value;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or FormatException)
        {
            throw new DoppelException(ErrorKind.Model, $"The fit statistics received are damaged or from another version of Doppel ({e.Message}).", e);
        }
    }

    private static void WriteArray<T>(BinaryWriter w, IReadOnlyCollection<T> values, Action<T> write)
    {
        w.Write(values.Count);
        foreach (var value in values) write(value);
    }

    private static T[] ReadArray<T>(BinaryReader r, Func<T> read) => Fill(r.ReadInt32(), read);

    private static T[] Fill<T>(int count, Func<T> read)
    {
        if (count < 0) throw new InvalidDataException("negative length");
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = read();
        return values;
    }

    private static void ReadInto<T>(BinaryReader r, T[] target, Func<T> read)
    {
        if (r.ReadInt32() != target.Length) throw new InvalidDataException("The moments are not of this plan.");
        for (int i = 0; i < target.Length; i++) target[i] = read();
    }

    private static void WriteJagged<T>(BinaryWriter w, T[]?[] arrays, Action<T> write)
    {
        w.Write(arrays.Length);
        foreach (var array in arrays)
        {
            w.Write(array is not null);
            if (array is not null) WriteArray(w, array, write);
        }
    }

    private static void ReadJaggedInto<T>(BinaryReader r, T[]?[] target, Func<T> read)
    {
        if (r.ReadInt32() != target.Length) throw new InvalidDataException("The moments are not of this plan.");
        foreach (var array in target)
        {
            if (r.ReadBoolean() != (array is not null)) throw new InvalidDataException("The moments are not of this plan.");
            if (array is not null) ReadInto(r, array, read);
        }
    }
}
