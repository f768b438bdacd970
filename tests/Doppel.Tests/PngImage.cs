using System.Buffers.Binary;
using System.IO.Compression;

namespace Doppel.Tests;

/// <summary>
/// Just enough of a PNG decoder to tell a blank screenshot from a rendered page: 8-bit RGB or RGBA,
/// non-interlaced (what Chromium writes). IDAT chunks are inflated with <see cref="ZLibStream"/> and the five
/// scanline filters undone, so the colours counted are the real pixels.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>3 (RGB) or 4 (RGBA).</summary>
    public int Channels { get; }

    /// <summary>Unfiltered pixel bytes, row after row.</summary>
    public byte[] Pixels { get; }

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        int offset = 8;
        while (offset + 8 <= file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                byte depth = data[8], colorType = data[9], interlace = data[12];
                if (depth != 8 || interlace != 0 || colorType is not (2 or 6))
                    throw new InvalidDataException($"unsupported PNG: depth {depth}, colour type {colorType}, interlace {interlace}");
                channels = colorType == 6 ? 4 : 3;
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }
            offset += 12 + length; // length, type, data, CRC
        }
        if (channels == 0) throw new InvalidDataException("PNG without IHDR");

        int stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        idat.Position = 0;
        using (var inflate = new ZLibStream(idat, CompressionMode.Decompress))
            inflate.ReadExactly(raw);
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            var output = pixels.AsSpan(y * stride, stride);
            var above = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= channels ? output[i - channels] : 0;
                int up = above[i];
                int upLeft = i >= channels && y > 0 ? above[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"bad PNG filter {filter} on row {y}"),
                };
                output[i] = (byte)(line[i] + predictor);
            }
        }
        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>Distinct colours (alpha included), counting stops at <paramref name="cap"/>.</summary>
    public int DistinctColors(int cap = 100_000)
    {
        var seen = new HashSet<uint>();
        for (int p = 0; p < Pixels.Length && seen.Count < cap; p += Channels)
        {
            uint alpha = Channels == 4 ? Pixels[p + 3] : 255u;
            seen.Add(Pixels[p] | ((uint)Pixels[p + 1] << 8) | ((uint)Pixels[p + 2] << 16) | (alpha << 24));
        }
        return seen.Count;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
