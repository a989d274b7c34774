using System.Text;

namespace GradAssert.Reporting;

/// <summary>
/// A plain-text table with columns padded to their widest cell (in terminal columns); numbers right-aligned. Every
/// cell is made <see cref="DisplayText.Safe"/>, so a row stays one line whatever a name holds.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    public TextTable AlignRight(params int[] columns)
    {
        foreach (int c in columns)
        {
            _rightAligned[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells.Select(DisplayText.Safe).ToArray());

    public void WriteTo(StringBuilder text, string indent)
    {
        var widths = _headers.Select((h, c) => _rows.Select(r => DisplayText.Width(r[c])).Append(h.Length).Max()).ToArray();
        Write(text, indent, _headers, widths);
        foreach (var row in _rows)
        {
            Write(text, indent, row, widths);
        }
    }

    private void Write(StringBuilder text, string indent, string[] cells, int[] widths)
    {
        var line = new StringBuilder(indent);
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }

            line.Append(DisplayText.Pad(cells[c], widths[c], left: _rightAligned[c]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
