namespace Doppel.IO;

/// <summary>
/// The fields of a Parquet page header that decoding a flat column needs, read from its Thrift compact encoding
/// (parquet.thrift: PageHeader, DataPageHeader, DataPageHeaderV2). Parquet.Net keeps its own reader internal.
/// </summary>
internal sealed record ParquetPageHeader(
    Parquet.Meta.PageType Type,
    int UncompressedSize,
    int CompressedSize,
    int ValueCount,
    Parquet.Meta.Encoding Encoding,
    Parquet.Meta.Encoding DefinitionLevelEncoding,
    int DefinitionLevelsLength,
    int RepetitionLevelsLength,
    bool IsCompressed)
{
    /// <summary>Reads the header at <paramref name="position"/> and moves it past the header.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a page header.</exception>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> bytes, ref int position)
    {
        var reader = new CompactReader(bytes, position);
        int type = 0, uncompressed = 0, compressed = 0, values = 0, definitionLength = 0, repetitionLength = 0;
        int encoding = 0, definitionEncoding = (int)Parquet.Meta.Encoding.RLE;
        bool isCompressed = true; // the format's default for data page v2
        short field = 0;
        while (reader.NextField(ref field, out int kind))
        {
            switch (field)
            {
                case 1: type = reader.Int(kind); break;
                case 2: uncompressed = reader.Int(kind); break;
                case 3: compressed = reader.Int(kind); break;
                case 5 or 8:
                {
                    // DataPageHeader (5) and DataPageHeaderV2 (8) share field 1 (num_values); the rest differ.
                    bool v2 = field == 8;
                    reader.Expect(kind, CompactReader.Struct);
                    short inner = 0;
                    while (reader.NextField(ref inner, out int innerKind))
                    {
                        switch (inner)
                        {
                            case 1: values = reader.Int(innerKind); break;
                            case 2 when !v2: encoding = reader.Int(innerKind); break;
                            case 3 when !v2: definitionEncoding = reader.Int(innerKind); break;
                            case 4 when v2: encoding = reader.Int(innerKind); break;
                            case 5 when v2: definitionLength = reader.Int(innerKind); break;
                            case 6 when v2: repetitionLength = reader.Int(innerKind); break;
                            case 7 when v2: isCompressed = reader.Bool(innerKind); break;
                            default: reader.Skip(innerKind); break;
                        }
                    }
                    break;
                }
                default: reader.Skip(kind); break;
            }
        }
        if (uncompressed < 0 || compressed < 0 || values < 0 || definitionLength < 0 || repetitionLength < 0)
            throw new InvalidDataException("a page header holds a negative size");
        position = reader.Position;
        return new ParquetPageHeader((Parquet.Meta.PageType)type, uncompressed, compressed, values,
            (Parquet.Meta.Encoding)encoding, (Parquet.Meta.Encoding)definitionEncoding, definitionLength, repetitionLength, isCompressed);
    }

    /// <summary>The Thrift compact protocol, as far as page headers use it (thrift's compact protocol spec).</summary>
    private ref struct CompactReader(ReadOnlySpan<byte> bytes, int position)
    {
        public const int BoolTrue = 1, BoolFalse = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8,
            List = 9, Set = 10, Map = 11, Struct = 12;

        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _depth;

        public int Position { get; private set; } = position;

        /// <summary>Reads the next field header of the current struct; false at its stop byte.</summary>
        public bool NextField(ref short field, out int kind)
        {
            byte header = NextByte();
            kind = header & 0x0F;
            if (header == 0) return false;
            int delta = header >> 4;
            field = delta != 0 ? (short)(field + delta) : (short)ZigZag(Varint());
            return true;
        }

        public int Int(int kind)
        {
            if (kind is not (I32 or I16 or Byte)) throw new InvalidDataException("a page header field has the wrong type");
            return kind == Byte ? (sbyte)NextByte() : checked((int)ZigZag(Varint()));
        }

        public bool Bool(int kind) => kind switch
        {
            BoolTrue => true,
            BoolFalse => false,
            _ => throw new InvalidDataException("a page header field has the wrong type"),
        };

        public void Expect(int kind, int expected)
        {
            if (kind != expected) throw new InvalidDataException("a page header field has the wrong type");
        }

        /// <summary>Skips a value of any type (statistics, CRC and fields newer than this reader).</summary>
        public void Skip(int kind)
        {
            switch (kind)
            {
                case BoolTrue or BoolFalse: break;
                case Byte: NextByte(); break;
                case I16 or I32 or I64: Varint(); break;
                case Double: Advance(8); break;
                case Binary: Advance(checked((int)Varint())); break;
                case List or Set:
                {
                    byte header = NextByte();
                    long count = header >> 4 == 15 ? (long)Varint() : header >> 4;
                    int element = header & 0x0F;
                    for (long i = 0; i < count; i++)
                    {
                        if (element is BoolTrue or BoolFalse) NextByte(); // list booleans take one byte each
                        else Skip(element);
                    }
                    break;
                }
                case Map:
                {
                    long count = (long)Varint();
                    if (count == 0) break;
                    byte types = NextByte();
                    for (long i = 0; i < count; i++)
                    {
                        SkipElement(types >> 4);
                        SkipElement(types & 0x0F);
                    }
                    break;
                }
                case Struct:
                {
                    if (++_depth > 32) throw new InvalidDataException("a page header nests too deeply");
                    short field = 0;
                    while (NextField(ref field, out int inner)) Skip(inner);
                    _depth--;
                    break;
                }
                default: throw new InvalidDataException($"a page header holds an unknown Thrift type {kind}");
            }
        }

        private void SkipElement(int kind)
        {
            if (kind is BoolTrue or BoolFalse) NextByte();
            else Skip(kind);
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                byte b = NextByte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new InvalidDataException("a page header holds an overlong number");
        }

        private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

        private byte NextByte()
        {
            if (Position >= _bytes.Length) throw new InvalidDataException("a page header is cut short");
            return _bytes[Position++];
        }

        private void Advance(int count)
        {
            if (count < 0 || count > _bytes.Length - Position) throw new InvalidDataException("a page header is cut short");
            Position += count;
        }
    }
}
