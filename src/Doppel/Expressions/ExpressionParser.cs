using System.Globalization;
using System.Text;

namespace Doppel.Expressions;

/// <summary>
/// Parses the expression language (docs/expressions.md): comparisons (= != &lt; &lt;= &gt; &gt;=, chains such as
/// <c>0 &lt;= x &lt;= 10</c>), <c>in (...)</c>, <c>is [not] null</c>, <c>and</c>/<c>or</c>/<c>not</c>, parentheses and
/// + − * / on numbers. Text values go in single quotes (<c>'&gt;50K'</c>, <c>'it''s'</c>); column names are bare,
/// or in double quotes or backticks. A bare name may contain <c>-</c> or <c>.</c> when it is one of the known
/// columns (so <c>capital-gain &gt; 0</c> works). Errors say where: the position and a caret under the text.
/// </summary>
public sealed class ExpressionParser
{
    private readonly string _text;
    private readonly string _what;
    private readonly string[] _columns;
    private int _pos;

    private ExpressionParser(string text, string what, IEnumerable<string> columns)
    {
        _text = text;
        _what = what;
        // Longest first, so "capital-gain" wins over "capital".
        _columns = [.. columns.OrderByDescending(c => c.Length)];
    }

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="what"/> names it in errors (e.g. "--where");
    /// <paramref name="columns"/> are the names a bare identifier may match, and the only ones allowed.
    /// </summary>
    public static Expr Parse(string text, IEnumerable<string> columns, string what = "expression")
    {
        var parser = new ExpressionParser(text, what, columns);
        var expr = parser.ParseOr();
        parser.SkipSpace();
        if (parser._pos < text.Length) throw parser.Error($"unexpected '{text[parser._pos..].Split(' ')[0]}'");
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or", out int at)) left = new LogicalExpr(false, left, ParseAnd(), at);
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and", out int at)) left = new LogicalExpr(true, left, ParseNot(), at);
        return left;
    }

    private Expr ParseNot() => TryKeyword("not", out int at) ? new NotExpr(ParseNot(), at) : ParseComparison();

    private Expr ParseComparison()
    {
        var left = ParseSum();
        SkipSpace();
        int at = _pos;
        if (TryKeyword("is", out _))
        {
            bool negated = TryKeyword("not", out _);
            if (!TryKeyword("null", out _)) throw Error("expected 'null' after 'is'");
            return new IsNullExpr(left, negated, at);
        }
        bool notIn = false;
        int save = _pos;
        if (TryKeyword("not", out _))
        {
            if (!TryKeyword("in", out _)) { _pos = save; return left; }
            notIn = true;
        }
        if (notIn || TryKeyword("in", out _)) return new InExpr(left, ParseList(), notIn, at);
        if (!TryCompareOp(out var op, out at)) return left;
        var right = ParseSum();
        Expr result = new CompareExpr(op, left, right, at);
        // A chain: 0 <= x <= 10 means 0 <= x and x <= 10.
        while (TryCompareOp(out var next, out int nextAt))
        {
            var third = ParseSum();
            result = new LogicalExpr(true, result, new CompareExpr(next, right, third, nextAt), nextAt);
            right = third;
        }
        return result;
    }

    private List<Expr> ParseList()
    {
        Expect('(');
        var items = new List<Expr> { ParseSum() };
        while (TryChar(',')) items.Add(ParseSum());
        Expect(')');
        return items;
    }

    private Expr ParseSum()
    {
        var left = ParseTerm();
        while (true)
        {
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] is '+' or '-') { int at = _pos; char op = _text[_pos++]; left = new ArithmeticExpr(op, left, ParseTerm(), at); }
            else return left;
        }
    }

    private Expr ParseTerm()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] is '*' or '/') { int at = _pos; char op = _text[_pos++]; left = new ArithmeticExpr(op, left, ParseUnary(), at); }
            else return left;
        }
    }

    private Expr ParseUnary()
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == '-')
        {
            int at = _pos++;
            return new NegateExpr(ParseUnary(), at);
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("expected a value or a column");
        int at = _pos;
        char c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            Expect(')');
            return inner;
        }
        if (c == '\'') return new TextExpr(ReadQuoted('\''), at);
        if (c is '"' or '`') return Column(ReadQuoted(c), at);
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))) return ReadNumber(at);
        foreach (var column in _columns)
        {
            if (string.CompareOrdinal(_text, _pos, column, 0, column.Length) == 0 && !IsWordChar(At(_pos + column.Length)))
            {
                _pos += column.Length;
                return new ColumnExpr(column, at);
            }
        }
        if (IsWordStart(c))
        {
            int start = _pos;
            while (_pos < _text.Length && IsWordChar(_text[_pos])) _pos++;
            string word = _text[start.._pos];
            switch (word.ToLowerInvariant())
            {
                case "true": return new BoolExpr(true, at);
                case "false": return new BoolExpr(false, at);
                case "null": return new NullExpr(at);
                case "and" or "or" or "in" or "is":
                    _pos = start; // a keyword where an operand belongs: the operand is missing, not misspelled
                    throw Error($"expected a value or a column, not the keyword '{word}'");
            }
            // name(args): the call forms of --constraint (unique, combination, ...); a condition rejects them.
            int afterWord = _pos;
            if (TryChar('('))
            {
                var arguments = new List<Expr>();
                if (!TryChar(')'))
                {
                    arguments.Add(ParseSum());
                    while (TryChar(',')) arguments.Add(ParseSum());
                    Expect(')');
                }
                return new CallExpr(word, arguments, at);
            }
            _pos = afterWord;
            _pos = start;
            throw Error($"unknown column '{word}'; columns are {string.Join(", ", _columns.Order(StringComparer.Ordinal).Select(n => $"'{n}'"))} (put text values in single quotes)");
        }
        throw Error($"unexpected '{c}'");
    }

    private ColumnExpr Column(string name, int at)
    {
        if (!_columns.Contains(name))
        {
            _pos = at;
            throw Error($"unknown column '{name}'; columns are {string.Join(", ", _columns.Order(StringComparer.Ordinal).Select(n => $"'{n}'"))}");
        }
        return new ColumnExpr(name, at);
    }

    private NumberExpr ReadNumber(int at)
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-') _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        if (!double.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            _pos = start;
            throw Error($"'{_text[start.._pos]}' is not a number");
        }
        return new NumberExpr(value, at);
    }

    private string ReadQuoted(char quote)
    {
        int start = _pos++;
        var value = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c != quote) { value.Append(c); continue; }
            if (_pos < _text.Length && _text[_pos] == quote) { value.Append(quote); _pos++; continue; } // '' inside quotes
            return value.ToString();
        }
        _pos = start;
        throw Error($"unterminated {(quote == '\'' ? "text" : "name")}: a closing {quote} is missing");
    }

    private bool TryCompareOp(out CompareOp op, out int at)
    {
        SkipSpace();
        at = _pos;
        string rest = _text[_pos..];
        (string Token, CompareOp Op)[] table =
        [
            ("==", CompareOp.Equal), ("!=", CompareOp.NotEqual), ("<>", CompareOp.NotEqual), ("<=", CompareOp.LessOrEqual),
            (">=", CompareOp.GreaterOrEqual), ("=", CompareOp.Equal), ("<", CompareOp.Less), (">", CompareOp.Greater),
        ];
        foreach (var (token, candidate) in table)
        {
            if (!rest.StartsWith(token, StringComparison.Ordinal)) continue;
            _pos += token.Length;
            op = candidate;
            return true;
        }
        op = default;
        return false;
    }

    private bool TryKeyword(string keyword, out int at)
    {
        SkipSpace();
        at = _pos;
        if (string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0 && !IsWordChar(At(_pos + keyword.Length)))
        {
            _pos += keyword.Length;
            return true;
        }
        return false;
    }

    private bool TryChar(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c) { _pos++; return true; }
        return false;
    }

    private void Expect(char c)
    {
        if (!TryChar(c)) throw Error($"expected '{c}'");
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private DoppelException Error(string message) =>
        new(ErrorKind.Usage, $"{_what}: {message} at position {_pos + 1}:\n  {_text}\n  {new string(' ', Math.Min(_pos, _text.Length))}^");
}
