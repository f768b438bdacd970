using System.Runtime.CompilerServices;
using Doppel.Data;

namespace Doppel.Metadata.Parsing;

/// <summary>
/// Numbers as doubles: plain numbers (<see cref="PlainNumber"/>) on a fast path, everything else through
/// <see cref="ValueParsing.TryNumber(ReadOnlySpan{char}, out double, System.Globalization.NumberFormatInfo?)"/>;
/// null tokens and NaN read as missing, infinities refused. Gathers how the values are written as it goes.
/// </summary>
internal sealed class NumberParser : ColumnParser
{
    private readonly System.Globalization.NumberFormatInfo _numbers;
    private readonly char _point; // '\0' when the culture's numbers are not plain digits, a '-' and one point character
    private double[] _values = [];
    private int _nan;

    public NumberParser(ColumnMetadata meta, ParseContext context) : base(meta, context)
    {
        _numbers = context.Options.Numbers;
        _point = _numbers.NumberDecimalSeparator.Length == 1 && _numbers.NegativeSign == "-" ? _numbers.NumberDecimalSeparator[0] : '\0';
        Written = new WrittenNumbers(_numbers);
    }

    /// <summary>How the values appended so far are written.</summary>
    public WrittenNumbers Written { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once, for the whole file: optimized from the start
    public override void Add(ReadOnlySpan<char> cell)
    {
        int row = Validity.Next();
        Fit(ref _values, row);
        if (_point != '\0' && PlainNumber.TryParse(cell, _point, out double x, out int decimals))
        {
            Written.AddPlain(decimals);
        }
        else
        {
            if (!ValueParsing.TryNumber(cell, out x, _numbers))
            {
                if (Context.Options.IsNullToken(cell)) return;
                throw Bad(row, cell, "a number");
            }
            if (double.IsNaN(x)) { _nan++; return; }
            if (double.IsInfinity(x)) throw Bad(row, cell, "a finite number (infinities cannot be modelled)");
            Written.Add(cell, x);
        }
        _values[row] = x;
        Validity.MarkValid(row);
    }

    public override Column Build()
    {
        if (_nan > 0) Context.Warn($"Column '{Metadata.Name}': {_nan:N0} NaN value(s) read as missing.");
        return new NumberColumn(Metadata.Name, Trimmed(_values), Validity.Build());
    }
}
