using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// Text in a pattern such as <c>[A-Z]{3}-\d{4}</c>: literals, classes (<c>[A-Z0-9]</c>, <c>\d</c>, <c>\w</c>,
/// <c>.</c> for a letter or digit) and counts (<c>{n}</c>, <c>{n,m}</c>, <c>?</c>). A pattern of fixed length
/// enumerates its values (mixed radix), so it can be unique.
/// </summary>
internal sealed class PatternGenerator : ValueGenerator
{
    private readonly record struct Segment(char[] Chars, int Min, int Max);

    private readonly Segment[] _segments;
    private readonly int _maxLength;

    private PatternGenerator(Segment[] segments)
    {
        _segments = segments;
        _maxLength = segments.Sum(s => s.Max);
    }

    public override ColumnKind Kind => ColumnKind.String;

    /// <summary>Reads a pattern; null and an explanation when it uses something not supported.</summary>
    public static PatternGenerator Parse(string pattern, out string? error)
    {
        var segments = new List<Segment>();
        error = null;
        for (int i = 0; i < pattern.Length;)
        {
            char[] chars;
            char c = pattern[i];
            if (c == '[')
            {
                int close = pattern.IndexOf(']', i + 1);
                if (close < 0) { error = $"the class starting at position {i + 1} has no closing ']'"; return new([]); }
                var set = new List<char>();
                for (int j = i + 1; j < close; j++)
                {
                    if (j + 2 < close && pattern[j + 1] == '-')
                    {
                        for (char x = pattern[j]; x <= pattern[j + 2]; x++) set.Add(x);
                        j += 2;
                    }
                    else if (pattern[j] == '\\' && j + 1 < close) set.AddRange(Escape(pattern[++j]));
                    else set.Add(pattern[j]);
                }
                chars = [.. set.Distinct()];
                if (chars.Length == 0) { error = $"the class at position {i + 1} is empty"; return new([]); }
                i = close + 1;
            }
            else if (c == '\\')
            {
                if (i + 1 >= pattern.Length) { error = "the pattern ends with a lone '\\'"; return new([]); }
                chars = Escape(pattern[i + 1]);
                i += 2;
            }
            else if (c == '.') { chars = [.. Alphanumeric]; i++; }
            else if (c is '(' or ')' or '|' or '*' or '+' or '^' or '$')
            {
                error = $"'{c}' (position {i + 1}) is not supported; use literals, [classes], \\d, \\w and counts {{n}}, {{n,m}}, ?";
                return new([]);
            }
            else { chars = [c]; i++; }
            int min = 1, max = 1;
            if (i < pattern.Length && pattern[i] == '{')
            {
                int close = pattern.IndexOf('}', i);
                string[] parts = close < 0 ? [] : pattern[(i + 1)..close].Split(',');
                if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out min) || !int.TryParse(parts[^1], out max) || min < 0 || max < min || max > 10_000)
                {
                    error = $"the count at position {i + 1} must be {{n}} or {{n,m}} with 0 <= n <= m";
                    return new([]);
                }
                i = close + 1;
            }
            else if (i < pattern.Length && pattern[i] == '?') { min = 0; i++; }
            segments.Add(new Segment(chars, min, max));
        }
        return new PatternGenerator([.. segments]);
    }

    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static char[] Escape(char c) => c switch
    {
        'd' => [.. "0123456789"],
        'w' => [.. Alphanumeric + "_"],
        'l' => [.. "abcdefghijklmnopqrstuvwxyz"],
        'u' => [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
        _ => [c],
    };

    /// <summary>The longest value.</summary>
    public override int? MaxLength => _maxLength;

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        Span<char> buffer = _maxLength <= 512 ? stackalloc char[_maxLength] : new char[_maxLength];
        var strings = data.Strings!;
        for (int row = start; row < start + count; row++)
        {
            int length = 0;
            foreach (var segment in _segments)
            {
                int n = segment.Min == segment.Max ? segment.Min : segment.Min + random.NextInt(segment.Max - segment.Min + 1);
                for (int k = 0; k < n; k++) buffer[length++] = segment.Chars.Length == 1 ? segment.Chars[0] : segment.Chars[random.NextInt(segment.Chars.Length)];
            }
            strings[row] = new string(buffer[..length]);
        }
    }

    public override double Distinct => _segments.All(s => s.Min == s.Max)
        ? _segments.Aggregate(1.0, (product, s) => product * Math.Pow(s.Chars.Length, s.Min))
        : _segments.Aggregate(1.0, (product, s) => product * Enumerable.Range(s.Min, s.Max - s.Min + 1).Sum(n => Math.Pow(s.Chars.Length, n)));

    // Only fixed-length patterns enumerate their values (a variable count would make ranks ambiguous).
    public override bool CanRank => _segments.All(s => s.Min == s.Max) && Distinct < 1.8e19;

    public override void FillRank(ColumnData data, int row, ulong rank)
    {
        Span<char> buffer = _maxLength <= 512 ? stackalloc char[_maxLength] : new char[_maxLength];
        int position = _maxLength;
        for (int s = _segments.Length - 1; s >= 0; s--)
        {
            var chars = _segments[s].Chars;
            for (int k = 0; k < _segments[s].Min; k++)
            {
                buffer[--position] = chars[(int)(rank % (ulong)chars.Length)];
                rank /= (ulong)chars.Length;
            }
        }
        data.Strings![row] = new string(buffer);
    }
}
